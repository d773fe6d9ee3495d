"""`klimatkontrakt report followup ...` on the full Karlstad demo, loaded once for the module."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from klimatkontrakt.reports.models import FollowUpReport

pytestmark = pytest.mark.django_db


def test_demo_has_an_approved_published_2024_report_with_real_emissions(demo):
    report = FollowUpReport.objects.get(municipality__code="1780", year=2024)
    assert report.is_approved and report.is_published
    emissions = report.data["emissions"]
    assert emissions["available"] and emissions["goals"] and emissions["budget"]
    assert emissions["source"]["publisher"].startswith("SMHI")
    assert report.data["investments"] and report.data["contract"]["changes"]["from_year"] == 2023
    assert 'src="data:image/png' in report.html_sv.split('id="emissions"')[1].split("</section>")[0]
    call_command("demo", stdout=io.StringIO())
    assert FollowUpReport.objects.get(pk=report.pk).approved_at == report.approved_at


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_command_writes_each_format(demo, tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    stdout = io.StringIO()
    call_command(
        "report", "followup", "--municipality", "1780", "--year", "2024", "--format", fmt,
        "--out", str(out), stdout=stdout,
    )  # fmt: skip
    content = out.read_bytes()
    assert "approved report 1780 2024" in stdout.getvalue()
    if fmt == "html":
        assert "Utsläpp mot effektmålen och budgeten" in content.decode()
    elif fmt == "docx":
        assert "Kontraktets åtaganden" in [p.text for p in Document(io.BytesIO(content)).paragraphs]
    else:
        assert content.startswith(b"%PDF")


def test_command_in_english_for_a_year_without_a_report(demo, tmp_path):
    out = tmp_path / "r.html"
    stdout = io.StringIO()
    call_command(
        "report", "followup", "--municipality", "1780", "--year", "2023", "--format", "html",
        "--out", str(out), "--language", "en", stdout=stdout,
    )  # fmt: skip
    assert "draft from the current figures" in stdout.getvalue()
    html = out.read_text()
    assert (
        '<html lang="en">' in html and "(draft)" in html and "Emissions against the goals" in html
    )


def test_unknown_municipality(db, tmp_path):
    with pytest.raises(CommandError, match="9999"):
        call_command(
            "report", "followup", "--municipality", "9999", "--year", "2024",
            "--out", str(tmp_path / "x.pdf"),
        )  # fmt: skip
