"""Content-Security-Policy and Permissions-Policy on every response; no inline script anywhere
(docs/deployment.md, "Security headers")."""

import base64
import hashlib
import re
from pathlib import Path

import pytest

import klimatkontrakt

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(klimatkontrakt.__file__).parent.rglob("templates/**/*.html"))
# Stand-alone print documents: their <style> block is allowed by its hash, per response.
OWN_STYLE_BLOCK = {"contracts/print.html", "reports/print.html", "national/report_print.html"}


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/kommun/1780/",
        "/konto/logga-in/",
        "/static/web/site.css",
        "/healthz",
        "/api/openapi.json",
        "/finns-inte/",
        "/admin/login/",
    ],
)
def test_every_response_carries_both_policies(client, karlstad, path):
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_a_print_page_allows_exactly_its_own_style_block(client, editor, version_2023):
    client.force_login(editor)
    response = client.get("/kommun/1780/kontrakt/2023/utskrift/")
    assert response.status_code == 200
    css = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = _policy(response)
    assert policy["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy["script-src"] == ["'self'"]


def test_templates_have_no_inline_script_handler_or_style_attribute():
    assert len(TEMPLATES) > 50
    found = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        name = "/".join(path.parts[path.parts.index("templates") + 1 :])
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0):
                found.append(f"{name}: inline script {match.group(0)}")
        for match in re.finditer(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", text):
            found.append(f"{name}: event handler attribute {match.group(1)}")
        if re.search(r"\sstyle\s*=", text):
            found.append(f"{name}: style attribute")
        if "<style" in text and name not in OWN_STYLE_BLOCK:
            found.append(f"{name}: <style> block")
    assert found == []
