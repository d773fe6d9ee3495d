"""The pages under /kommun/<code>/uppfoljning/: list, report, buttons, downloads."""

import io

import pytest
from docx import Document

from klimatkontrakt.reports.models import FollowUpReport

pytestmark = pytest.mark.django_db


def test_editor_creates_approves_and_publishes_with_the_buttons(editor_client, karlstad_work):
    r = editor_client.post("/kommun/1780/uppfoljning/ny/", {"year": "2024"})
    assert r.status_code == 302 and r["Location"] == "/kommun/1780/uppfoljning/2024/"
    page = editor_client.get("/kommun/1780/uppfoljning/2024/").content.decode()
    assert "Utkast" in page and "Godkänn och lås" in page and 'id="indicators"' in page
    editor_client.post("/kommun/1780/uppfoljning/2024/godkann/")
    editor_client.post("/kommun/1780/uppfoljning/2024/publicera/", {"publish": "1"})
    report = FollowUpReport.objects.get(year=2024)
    assert report.is_approved and report.is_published
    listing = editor_client.get("/kommun/1780/uppfoljning/").content.decode()
    assert 'href="/kommun/1780/uppfoljning/2024/"' in listing


def test_unpublished_report_is_hidden_from_the_public(client, draft, outsider):
    assert client.get("/kommun/1780/uppfoljning/2024/").status_code == 404
    assert client.get("/kommun/1780/uppfoljning/2024/rapport.pdf").status_code == 404
    assert "2024" not in client.get("/kommun/1780/uppfoljning/").content.decode().split("<main")[1]
    client.force_login(outsider)
    assert client.get("/kommun/1780/uppfoljning/2024/").status_code == 404


def test_public_sees_a_published_report_without_edit_buttons(client, approved, editor):
    from klimatkontrakt.reports import services

    services.publish(editor, approved)
    page = client.get("/kommun/1780/uppfoljning/2024/").content.decode()
    assert "Andel elbilar" in page and "Godkänn" not in page and "Avpublicera" not in page


def test_visitors_cannot_use_the_buttons(client, viewer, karlstad_work):
    assert client.post("/kommun/1780/uppfoljning/ny/", {"year": "2024"}).status_code == 403
    client.force_login(viewer)
    assert client.post("/kommun/1780/uppfoljning/ny/", {"year": "2024"}).status_code == 403
    assert not FollowUpReport.objects.exists()


def test_downloads(editor_client, approved):
    docx = editor_client.get("/kommun/1780/uppfoljning/2024/rapport.docx")
    assert docx["Content-Disposition"] == 'attachment; filename="uppfoljning-1780-2024-sv.docx"'
    assert "Indikatorer" in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    pdf = editor_client.get("/kommun/1780/uppfoljning/2024/rapport.pdf?lang=en")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = editor_client.get("/kommun/1780/uppfoljning/2024/rapport.html").content.decode()
    assert '<section id="commitments"' in html
    assert editor_client.get("/kommun/1780/uppfoljning/2024/rapport.xls").status_code == 404


def test_the_report_is_in_the_municipality_navigation(client, karlstad):
    page = client.get("/kommun/1780/").content.decode()
    assert 'href="/kommun/1780/uppfoljning/"' in page


def test_the_page_of_an_approved_report_shows_the_frozen_sections(editor_client, approved):
    from klimatkontrakt.indicators.models import Indicator

    Indicator.objects.update(name="Ändrat namn efter godkännandet")
    page = editor_client.get("/kommun/1780/uppfoljning/2024/").content.decode()
    assert "Andel elbilar" in page and "Ändrat namn" not in page
    assert page.count('<section id="indicators"') == 1
