"""The national report in each format and language holds the figures `followup` and the
headline summaries give: the page's HTML, the print HTML, DOCX (python-docx), PDF (pdftotext)
and XLSX (openpyxl); the emissions of the contract cities added up against their budgets."""

import io
import shutil
import subprocess

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from klimatkontrakt.national import report_selectors, report_services
from klimatkontrakt.national.followup import followup
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.reports.selectors import headline_summary
from klimatkontrakt.web.templatetags.kk import num
from tests.national.report_setup import SECRET


@pytest.fixture
def approved(smhi_cities, programme_editor):
    report = report_services.create_draft(programme_editor, 2024)
    return report_services.approve(programme_editor, report)


def _expected():
    """The figures the report must show, from the functions that own them."""
    rows = {r.municipality: r for r in followup(2024, AnonymousUser())}
    summaries = {
        code: headline_summary(Municipality.objects.get(code=code), AnonymousUser(), 2024)
        for code in rows
    }
    return rows, summaries


def test_the_aggregate_adds_up_the_cities_headline_figures(approved):
    rows, summaries = _expected()
    e = approved.data["emissions"]
    k, s = summaries["1780"], summaries["0180"]
    assert k.emissions and s.emissions and k.budget and s.budget
    assert e["latest_year"] == k.emissions.year == rows["1780"].emissions_latest_year
    assert e["emissions_t"] == pytest.approx(k.emissions.total_t + s.emissions.total_t)
    assert e["budget_t"] == pytest.approx(k.budget.budget_t + s.budget.budget_t)
    assert e["budget_start_year"] == 2024 == k.budget.start_year
    assert e["emissions_cities"] == e["budget_cities"] == 2
    assert e["missing_emissions"] == [] and e["missing_budget"] == []
    if e["budget_t"] > 0:
        assert e["years_of_budget"] == pytest.approx(e["budget_t"] / e["emissions_t"])
    assert [c["municipality"] for c in approved.data["summaries"]] == [
        c["municipality"] for c in approved.data["cities"]
    ]


def _figures(language):
    rows, summaries = _expected()
    with translation.override(language):
        return {
            "karlstad_t": num(rows["1780"].emissions_latest_t),
            "stockholm_t": num(rows["0180"].emissions_latest_t),
            "total_t": num(
                summaries["1780"].emissions.total_t + summaries["0180"].emissions.total_t
            ),
        }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_print_html_in_both_languages(approved, language):
    html = report_selectors.output(approved, "html", language).content.decode()
    assert f'<html lang="{language}">' in html
    for section in ("cities", "emissions", "common", "agencies", "city-pages"):
        assert f'<section id="{section}"' in html, section
    for figure in _figures(language).values():
        assert figure in html
    assert ('id="city-1780"' in html) and ('id="city-0180"' in html)
    assert "Policylabb" in html and "Systemdemonstratorer" in html and SECRET not in html
    if language == "sv":
        assert "Nationell uppföljning av Klimatkontrakt 2030, 2024" in html
        assert "Planerad" in html and "Karlstads kommun: sammanfattning 2024" in html
    else:
        assert "National follow-up of Klimatkontrakt 2030, 2024" in html
        assert "Planned" in html and "Karlstads kommun: summary 2024" in html


def test_numbers_follow_the_language(approved):
    sv, en = _figures("sv"), _figures("en")
    assert sv["total_t"] != en["total_t"], "grouping differs: space in Swedish, comma in English"
    assert "\xa0" in sv["total_t"] or " " in sv["total_t"]
    assert "," in en["total_t"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_docx_holds_the_tables_and_one_page_per_city(approved, language):
    out = report_selectors.output(approved, "docx", language)
    assert out.filename == f"nationell-uppfoljning-2024-{language}.docx"
    doc = Document(io.BytesIO(out.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    figures = _figures(language)
    assert figures["total_t"] in cells
    assert any(figures["karlstad_t"] in c for c in cells)
    assert {"Policylabb", "Systemdemonstratorer", "Samordning"} <= cells
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    heading = (
        "Karlstads kommun: sammanfattning 2024"
        if language == "sv"
        else "Karlstads kommun: summary 2024"
    )
    assert heading in headings and "Formas" in headings and "Vinnova" in headings
    assert SECRET not in text and SECRET not in str(cells)


def test_a_draft_docx_is_marked(smhi_cities, programme_editor):
    draft = report_services.create_draft(programme_editor, 2024)
    doc = Document(io.BytesIO(report_selectors.output(draft, "docx").content))
    assert "UTKAST" in doc.sections[0].header.paragraphs[0].text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_pdf_text_has_the_figures(approved):
    out = report_selectors.output(approved, "pdf", "en")
    assert out.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=out.content, capture_output=True, check=True
    ).stdout.decode()
    assert "National follow-up of Klimatkontrakt 2030, 2024" in text
    assert _figures("en")["total_t"] in text
    assert "Karlstads kommun: summary 2024" in text and "Policylabb" in text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_xlsx_has_a_sheet_per_part_with_the_figures(approved, language):
    rows, summaries = _expected()
    wb = load_workbook(io.BytesIO(report_selectors.output(approved, "xlsx", language).content))
    names = wb.sheetnames
    assert len(names) == 6
    cities = wb[names[1]]
    values = {r[0]: r for r in cities.iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert values["1780"][1] == rows["1780"].name
    with translation.override(language):
        label = translation.gettext("Emissions, latest year (t)")
    emissions_column = [c.value for c in cities[1]].index(label)
    assert values["1780"][emissions_column] == pytest.approx(rows["1780"].emissions_latest_t)
    emissions = wb[names[2]]
    total = next(r for r in emissions.iter_rows(values_only=True) if r[1] in ("Totalt", "Total"))
    assert total[2] == pytest.approx(approved.data["emissions"]["emissions_t"])
    assert total[4] == pytest.approx(approved.data["emissions"]["budget_t"])
    common = [r[3] for r in wb[names[3]].iter_rows(min_row=2, values_only=True)]
    assert {"Samordning", "Policylabb", "Systemdemonstratorer"} <= set(common)
    agencies = [r[3] for r in wb[names[4]].iter_rows(min_row=2, values_only=True)]
    assert "Policylabb" in agencies and "Samordning" not in agencies
    summary_rows = {r[0]: r for r in wb[names[5]].iter_rows(min_row=2, values_only=True) if r[0]}
    assert summary_rows["0180"][2] == pytest.approx(summaries["0180"].emissions.total_t)
