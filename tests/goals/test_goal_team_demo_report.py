"""The Karlstad demo's goal team, on the goal page and in the yearly follow-up report.
The demo is loaded once for the module; each test's writes are rolled back after it."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.goals import services as goal_services
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.reports.builder import gather
from klimatkontrakt.reports.models import FollowUpReport
from klimatkontrakt.reports.render import docx

pytestmark = pytest.mark.django_db

DEMO_EMAIL = "exempel.klimatstrateg@example.org"


@pytest.fixture
def demo_goal(demo):
    return Goal.objects.get(municipality__code="1780", name__endswith="(demo)")


def _demo_goal(data):
    [goal] = [g for g in data["emissions"]["goals"] if g["name"].endswith("(demo)")]
    return goal


def test_demo_goal_has_an_example_team_in_the_approved_report(demo_goal, client):
    report = FollowUpReport.objects.get(municipality__code="1780", year=2024)
    team = _demo_goal(report.data)["team"]
    assert team["coordinator"]["title"] == "Klimatstrateg"
    assert team["coordinator"]["department"] == "Kommunledningskontoret"
    assert {m["department"] for m in team["members"]} >= {"Karlstads Energi AB"}
    # A frozen report names no one, published team or not: an erasure could not reach it.
    assert all(p["name"] == "" for p in [team["coordinator"], *team["members"]])
    assert "Samordnare: Klimatstrateg, Kommunledningskontoret" in report.html_sv
    assert "Exempel:" not in report.html_sv and DEMO_EMAIL not in report.html_sv
    assert DEMO_EMAIL not in str(report.data)
    page = client.get(f"/kommun/1780/mal/{demo_goal.pk}/").content.decode()
    assert "Exempel: Klimatstrateg" in page and DEMO_EMAIL not in page
    call_command("demo", stdout=io.StringIO())  # a second run adds no one
    assert demo_goal.team.people.count() == 1 + len(team["members"])


def test_report_names_roles_when_the_team_is_not_published(demo_goal):
    goal_services.set_team_published(SYSTEM, demo_goal, False)
    data = gather(demo_goal.municipality, 2024)
    team = _demo_goal(data)["team"]
    assert team["coordinator"]["name"] == "" and team["coordinator"]["title"] == "Klimatstrateg"
    text = "\n".join(p.text for p in Document(io.BytesIO(docx(data, "sv"))).paragraphs)
    assert "Samordnare: Klimatstrateg, Kommunledningskontoret" in text
    assert "Exempel:" not in text
