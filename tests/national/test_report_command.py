"""`klimatkontrakt national followup --format html|docx|pdf|xlsx`: the approved report of the
year when there is one, else a fresh rendering labelled as a draft; json as before."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from klimatkontrakt.contracts import common_services
from klimatkontrakt.national import report_services
from klimatkontrakt.national.models import NationalReport
from tests.national.report_setup import SECRET

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("national", "followup", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_without_a_report_a_draft_rendering(national_setup, tmp_path):
    html, err = _run("--year", "2024", "--format", "html")
    assert "UTKAST" in html and "Nationell uppföljning av Klimatkontrakt 2030, 2024" in html
    assert "no approved national report of 2024" in err
    assert SECRET not in html and not NationalReport.objects.exists()
    target = tmp_path / "r.docx"
    _run("--year", "2024", "--format", "docx", "--out", str(target), "--language", "en")
    doc = Document(str(target))
    assert "DRAFT" in doc.sections[0].header.paragraphs[0].text
    assert "National follow-up of Klimatkontrakt 2030, 2024" in doc.paragraphs[0].text


def test_the_approved_snapshot_when_there_is_one(
    national_setup, programme_editor, formas_editor, common_2024, tmp_path
):
    report = report_services.create_draft(programme_editor, 2024)
    report = report_services.approve(programme_editor, report)
    common_services.set_common_status(
        formas_editor, common_2024.commitments.get(title="Policylabb"), "done"
    )
    html, err = _run("--year", "2024", "--format", "html")
    assert html.strip() == report.html_sv.strip() and err == ""
    assert "UTKAST" not in html and "Genomförd" not in html
    target = tmp_path / "r.xlsx"
    _run("--year", "2024", "--format", "xlsx", "--out", str(target))
    wb = load_workbook(str(target))
    common = [r[5] for r in wb[wb.sheetnames[3]].iter_rows(min_row=2, values_only=True)]
    assert "Genomförd" not in common and "Planerad" in common
    pdf = tmp_path / "r.pdf"
    _run("--year", "2024", "--format", "pdf", "--out", str(pdf), "--language", "en")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_json_is_unchanged(national_setup, tmp_path):
    text, _err = _run("--year", "2024", "--format", "json")
    assert [c["municipality"] for c in json.loads(text)["cities"]] == ["1780", "0180"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx"], "--out"),
        (["--format", "rtf"], "not available"),
        (["--format", "html", "--language", "de"], "--language"),
        (["--format", "html", "--year", "1950"], "2000 to 2100"),
    ],
)
def test_refusals(national_setup, args, message):
    year = [] if "--year" in args else ["--year", "2024"]
    with pytest.raises(CommandError, match=message):
        _run(*year, *args)
