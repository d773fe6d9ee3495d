"""The follow-up report's proposals section, the public page, the API and the command show the
same totals: all come from engagement.selectors.proposals.totals."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from docx import Document

from klimatkontrakt.engagement.models import Proposal
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.engagement.services.proposals import AnswerInput
from klimatkontrakt.reports import selectors as reports
from klimatkontrakt.reports import services as report_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracked(karlstad, editor, assigned, proposal_factory):
    proposal_factory.create_batch(7, municipality=karlstad, published=True)
    proposal_factory(municipality=karlstad)  # waiting: counted nowhere
    services.answer_proposal(editor, assigned[0], AnswerInput(decision="accepted", text="Ja"))
    services.answer_proposal(
        editor,
        assigned[1],
        AnswerInput(decision="rejected", text="Nej", reason="Kostar för mycket"),
    )
    Proposal.objects.filter(pk=assigned[2].pk).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )


def test_report_page_api_and_command_agree(tracked, karlstad, editor):
    report = report_services.create_draft(editor, karlstad, 2024)
    section = report.data["proposals"]
    api = Client().get("/api/proposals/1780/totals").json()
    out = io.StringIO()
    call_command("proposals", municipality="1780", format="json", stdout=out)
    cli = json.loads(out.getvalue())
    for key in (
        "total",
        "by_state",
        "by_department",
        "overdue",
        "median_days_to_answer",
        "answered_share",
    ):
        assert section[key] == api[key] == cli[key], key
    assert (cli["total"], cli["selected"], cli["answered"], cli["overdue"]) == (12, 5, 2, 1)
    assert cli["answered_share"] == pytest.approx(0.4)
    assert cli["by_department"] == {"Teknik- och fastighetsförvaltningen": 5}
    page = Client().get("/kommun/1780/forslag/").content.decode()
    assert "<dt>Publicerade förslag</dt><dd>12</dd>" in page
    assert "<dt>Försenade svar</dt><dd>1</dd>" in page


def test_the_rendered_report_carries_the_section(tracked, karlstad, editor):
    report = report_services.create_draft(editor, karlstad, 2024)
    html = reports.output(report, "html").content.decode()
    section = html.split('id="proposals"')[1].split("</section>")[0]
    assert "Förslag från elever och medborgare" in section
    assert "12 publicerade förslag, 5 utvalda, 2 besvarade, 1 försenade" in section
    assert "Elevborgarråd" in section and "Avslaget" in section
    doc = Document(io.BytesIO(reports.output(report, "docx").content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Förslag från elever och medborgare" in text
    assert "12 publicerade förslag" in text


def test_a_report_gathered_before_the_section_existed_still_renders(tracked, karlstad, editor):
    report = report_services.create_draft(editor, karlstad, 2024)
    report.data.pop("proposals")
    html = reports.output(report, "html").content.decode()
    assert 'id="proposals"' not in html
