"""The demo's national report (national/demo.py `load_late`): 2024, approved and published,
gathered from the demo's data and saying so in every output; reading it as the public. The demo
is loaded once for the module (tests/demo_snapshot.py); each test's writes are rolled back."""

import io

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from klimatkontrakt.national import demo as national_demo
from klimatkontrakt.national import report_selectors
from klimatkontrakt.national.models import NationalReport
from klimatkontrakt.organisations.selectors import contract_municipalities

pytestmark = pytest.mark.django_db

NOTE_SV = "Exempeldata: rapporten är sammanställd ur demons data"
NOTE_EN = "Example data: this report is built from the demo"  # then an apostrophe


def test_the_demo_publishes_an_approved_report_built_from_its_data(demo):
    report = NationalReport.objects.get(year=2024)
    assert report.is_approved and report.is_published and report.data["example_data"] is True
    codes = {c["municipality"] for c in report.data["cities"]}
    assert codes == {m.code for m in contract_municipalities()} and "1780" in codes
    assert NOTE_SV in report.html_sv and NOTE_EN in report.html_en


def test_the_public_reads_it_labelled_as_example_data(demo):
    public = Client()
    assert NOTE_SV in public.get("/nationellt/rapport/2024/").content.decode()
    public.cookies["django_language"] = "en"
    assert NOTE_EN in public.get("/nationellt/rapport/2024/").content.decode()
    assert [r["year"] for r in Client().get("/api/national/reports").json()] == [2024]
    report = NationalReport.objects.get(year=2024)
    doc = Document(io.BytesIO(report_selectors.output(report, "docx", "sv").content))
    assert any(NOTE_SV in p.text for p in doc.paragraphs)
    wb = load_workbook(io.BytesIO(report_selectors.output(report, "xlsx", "en").content))
    cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row]
    assert any(NOTE_EN in c for c in cells)


def test_loading_again_leaves_the_approved_report_as_it_is(demo):
    before = NationalReport.objects.get(year=2024)
    national_demo._national_report(io.StringIO())
    after = NationalReport.objects.get(year=2024)
    assert after.approved_at == before.approved_at and after.html_sv == before.html_sv
