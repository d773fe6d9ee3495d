"""A draft report uses only published sources and those marked "include in report", lists the
unpublished ones in a box on its first page, and carries an UTKAST watermark on every page;
the yearly report has page numbers and a table of contents."""

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import ActionPlan
from klimatkontrakt.reports import selectors, services

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture
def test_plan(karlstad, editor):  # type: ignore[no-untyped-def]
    """An unpublished plan, e.g. one made to try the import."""
    return plans.create_plan(
        editor, karlstad, kind="waste", title="Testplan (ej publicerad)", owner_name="Test"
    )


def _pages(pdf: bytes, tmp_path) -> list[str]:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def test_a_draft_leaves_out_unpublished_sources(karlstad_work, test_plan, editor, karlstad):
    report = services.create_draft(editor, karlstad, 2024)
    titles = [p["title"] for p in report.data["action_plans"]]
    assert titles == ["Projektplan Klimatneutrala Karlstad 2030"]
    assert report.data["unpublished_sources"] == []
    html = selectors.output(report, "html").content.decode()
    assert "Testplan" not in html and "Källor som ännu inte är publicerade" not in html


def test_a_source_marked_include_in_report_is_used_and_listed(
    karlstad_work, test_plan, editor, karlstad
):
    ActionPlan.objects.filter(pk=test_plan.pk).update(include_in_report=True)
    report = services.create_draft(editor, karlstad, 2024)
    assert "Testplan (ej publicerad)" in [p["title"] for p in report.data["action_plans"]]
    assert report.data["unpublished_sources"] == [
        {"kind": "action_plan", "name": "Testplan (ej publicerad)"}
    ]
    html = selectors.output(report, "html").content.decode()
    box = html.split('class="unpublished-sources"')[1].split("</aside>")[0]
    assert "Källor som ännu inte är publicerade" in box
    assert "Handlingsplan: Testplan (ej publicerad)" in box


@needs_pdftotext
def test_draft_pdf_has_the_box_on_page_one_and_utkast_on_every_page(
    karlstad_work, test_plan, editor, karlstad, tmp_path
):
    ActionPlan.objects.filter(pk=test_plan.pk).update(include_in_report=True)
    report = services.create_draft(editor, karlstad, 2024)
    pages = _pages(selectors.output(report, "pdf").content, tmp_path)
    assert len(pages) >= 2
    assert "Källor som ännu inte är publicerade" in pages[0]
    assert "Handlingsplan: Testplan (ej publicerad)" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert "UTKAST" in page, f"page {number} has no watermark"
        assert f"Sida {number} / {len(pages)}" in page, f"page {number} has no page number"


@needs_pdftotext
def test_approved_pdf_has_contents_with_page_numbers_and_no_watermark(approved, tmp_path):
    pages = _pages(selectors.output(approved, "pdf").content, tmp_path)
    assert not any("UTKAST" in page for page in pages)
    # The summary fills the first page; the contents follow on the next.
    toc = next(page for page in pages if "Innehåll" in page)
    assert pages.index(toc) <= 1
    # Each section heading is listed with the page it starts on (a dotted leader between).
    entries = dict(re.findall(r"^\s*(Indikatorer|Handlingsplaner)\s*\.+\s*(\d+)\s*$", toc, re.M))
    assert set(entries) == {"Indikatorer", "Handlingsplaner"}
    for heading, page in entries.items():
        assert heading in pages[int(page) - 1]
    assert all(f"Sida {n} / {len(pages)}" in p for n, p in enumerate(pages, start=1))


def test_print_html_charts_fit_the_page(approved):
    html = selectors.output(approved, "html").content.decode()
    assert re.search(r"img[^{]*\{[^}]*max-width:\s*100%", html)


def _docx_xml(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")}


def test_draft_docx_has_utkast_in_every_header_and_lists_the_sources(
    karlstad_work, test_plan, editor, karlstad
):
    ActionPlan.objects.filter(pk=test_plan.pk).update(include_in_report=True)
    report = services.create_draft(editor, karlstad, 2024)
    content = selectors.output(report, "docx").content
    doc = Document(io.BytesIO(content))
    for section in doc.sections:
        assert "UTKAST" in "".join(p.text for p in section.header.paragraphs)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Handlingsplan: Testplan (ej publicerad)" in text
    assert text.index("Testplan (ej publicerad)") < text.index("Utsläpp mot effektmålen")


def test_docx_has_a_contents_field_and_page_numbers(approved):
    content = selectors.output(approved, "docx").content
    xml = _docx_xml(content)
    assert re.search(r"<w:instrText[^>]*> TOC ", xml["word/document.xml"])
    footers = [x for name, x in xml.items() if name.startswith("word/footer")]
    assert footers and all(re.search(r"<w:instrText[^>]*> PAGE ", f) for f in footers)
    headers = "".join(x for name, x in xml.items() if name.startswith("word/header"))
    assert "UTKAST" not in headers


def test_an_editor_marks_a_ledger_for_the_draft_and_the_public_still_cannot_see_it(
    client, karlstad_work, editor, viewer, karlstad, tmp_path, settings
):
    from klimatkontrakt.footprint import services as footprint
    from tests.sources.ledger_files import write_csv

    settings.LEDGER_DIR = tmp_path / "ledgers"
    ledger = footprint.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))], ledger_name="Ny reskontra"
    ).ledger
    assert services.create_draft(editor, karlstad, 2024).data["footprint"]["ledger"] is None
    url = f"/kommun/1780/inkop/{ledger.pk}/i-rapport/"
    client.force_login(viewer)
    assert client.post(url, {"include": "1"}).status_code == 403
    client.force_login(editor)
    assert client.post(url, {"include": "1"}).status_code == 302
    report = services.create_draft(editor, karlstad, 2024)
    assert report.data["footprint"]["ledger"] == "Ny reskontra"
    assert {"kind": "ledger", "name": "Ny reskontra"} in report.data["unpublished_sources"]
    client.logout()
    assert client.get("/api/footprint/1780/").status_code == 404
    assert "Ny reskontra" not in client.get("/kommun/1780/inkop/").content.decode()
