"""fetch-smhi downloads SMHI's national report over HTTP; tested against a loopback server."""

from __future__ import annotations

import io
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.emissions.models import Release
from tests.loopback import Answer, serve


@pytest.fixture
def smhi_server(co2_file: Path) -> Iterator[tuple[str, list[str]]]:
    body = co2_file.read_bytes()
    seen: list[str] = []

    def answer(path: str, _headers: Message) -> Answer:
        seen.append(path)
        url = urlparse(path)
        if url.path != "/api/getexcelfile/" or parse_qs(url.query).get("sub") != ["CO2"]:
            return Answer(404, "Not Found", "text/plain")
        return Answer(200, body, "application/vnd.ms-excel")

    with serve(answer) as base_url:
        yield base_url, seen


def test_fetch_downloads_and_imports_the_report(municipalities, smhi_server):
    base, seen = smhi_server
    out = io.StringIO()
    call_command("fetch_smhi", "--gas", "CO2", "--base-url", base, stdout=out)
    assert seen == ["/api/getexcelfile/?county=0&municipality=0&sub=CO2"]
    release = Release.objects.get()
    assert release.sha256 == "9df6658df43f6eb5aef997c63792fc3a8b57529851c2e2988ebf21142fac56a3"
    assert release.source_url == f"{base}/api/getexcelfile/?county=0&municipality=0&sub=CO2"
    assert "Imported CO2 release 2024-04-18" in out.getvalue()
    out = io.StringIO()
    call_command("fetch_smhi", "--gas", "CO2", "--base-url", base, stdout=out)
    assert "Already imported" in out.getvalue()
    assert Release.objects.count() == 1


def test_fetch_uses_the_base_url_setting(municipalities, smhi_server, settings):
    base, seen = smhi_server
    settings.SMHI_BASE_URL = base
    call_command("fetch_smhi", "--gas", "CO2", stdout=io.StringIO())
    assert len(seen) == 1 and Release.objects.filter(gas="CO2").exists()


def test_fetch_reports_http_errors(municipalities, smhi_server):
    base, _ = smhi_server
    with pytest.raises(CommandError, match="cannot download .*sub=GGT.*404"):
        call_command("fetch_smhi", "--gas", "GGT", "--base-url", base, stdout=io.StringIO())
    assert Release.objects.count() == 0
