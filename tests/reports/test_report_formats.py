"""The report as print HTML, DOCX and PDF, in Swedish and in English, with charts as images."""

import io
import shutil
import subprocess

import pytest
from docx import Document

from klimatkontrakt.reports import selectors

pytestmark = pytest.mark.django_db

SECTIONS = [
    "emissions",
    "footprint",
    "indicators",
    "actions",
    "commitments",
    "investments",
    "changes",
]


def test_print_html_has_every_section_in_swedish(approved):
    html = selectors.output(approved, "html").content.decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html
    for section in SECTIONS:
        assert f'<section id="{section}"' in html, section
    assert "Indikatorer" in html and "Andel elbilar" in html
    assert "Åtagande 1" in html
    assert "Projektplan Klimatneutrala Karlstad 2030" in html
    assert "Ingen leverantörsreskontra har importerats." in html
    assert 'src="data:image/png;base64,' in html, "the indicator chart is embedded as a PNG"


def test_english_on_request(approved):
    html = selectors.output(approved, "html", "en").content.decode()
    assert (
        '<html lang="en">' in html
        and "Indicators" in html
        and "What changed since last year" in html
    )


def test_docx_holds_the_tables_and_the_charts(approved):
    out = selectors.output(approved, "docx")
    assert out.filename == "uppfoljning-1780-2024-sv.docx"
    doc = Document(io.BytesIO(out.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Indikatorer" in headings and "Vad har ändrats sedan förra året" in headings
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert {"Andel elbilar", "Åtagande 1", "Styrgrupp bildas"} <= cells
    assert doc.inline_shapes, "charts are embedded as pictures"


def test_pdf_is_rendered_from_the_frozen_html(approved):
    out = selectors.output(approved, "pdf", "en")
    assert out.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: PDF text not checked")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=out.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Indicators" in text and "Andel elbilar" in text
