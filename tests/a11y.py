"""Accessibility checks: axe-core (WCAG 2.1 A/AA rules) in Debian's headless Chromium.

Skips with a reason when Chromium or axe-core is missing, unless KLIMATKONTRAKT_REQUIRE_BROWSER=1
(as in CI), where a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same test
# thread are still synchronous, so the async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[1]
AXE = Path(
    os.environ.get("KLIMATKONTRAKT_AXE", ROOT / ".cache/axe/node_modules/axe-core/axe.min.js")
)
CHROMIUM = (
    os.environ.get("KLIMATKONTRAKT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}"
    if not AXE.exists():
        return f"axe-core not found at {AXE} (run `make axe`)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed"
    return None


@pytest.fixture(scope="session")
def browser() -> Any:
    reason = _missing()
    if reason:
        if os.environ.get("KLIMATKONTRAKT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def axe_violations(
    browser: Any,
    url: str,
    *,
    cookies: list[dict[str, Any]] | None = None,
    language: str | None = None,
    width: int | None = None,
) -> list[dict[str, Any]]:
    """axe-core's violations on the page; `width` sets a narrow viewport, e.g. 390 for a phone."""
    viewport = {"width": width, "height": 844} if width else None
    context = browser.new_context(locale=language or "sv-SE", viewport=viewport)
    if cookies:
        context.add_cookies(cookies)
    if language:
        # The site ignores Accept-Language (Swedish first); the switch sets this cookie.
        from urllib.parse import urlsplit

        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        context.add_cookies([{"name": "django_language", "value": language[:2], "url": origin}])
    page = context.new_page()
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status < 400, (
            f"{url} answered {response and response.status}"
        )
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
    finally:
        context.close()
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
    ]


def session_cookie(client: Any, live_server_url: str) -> list[dict[str, Any]]:
    """The Django test client's session as a browser cookie for the live server."""
    from django.conf import settings

    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server_url}]


def assert_accessible(browser: Any, url: str, **kw: Any) -> None:
    violations = axe_violations(browser, url, **kw)
    assert violations == [], f"axe-core found WCAG 2.1 AA violations on {url}: {violations}"
