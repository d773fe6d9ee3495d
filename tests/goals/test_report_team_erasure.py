"""An approved (frozen) yearly report cannot be rewritten by an erasure, so it names no team
member: erasing a team member's account leaves no name of theirs in any approved report."""

import pytest

from klimatkontrakt.goals.models import GoalPerson
from klimatkontrakt.reports.models import FollowUpReport
from tests.organisations.factories import PASSWORD

pytestmark = pytest.mark.django_db

DEMO_EMAIL = "exempel.klimatstrateg@example.org"


def test_erased_team_member_is_not_named_in_the_approved_report(demo, client, user_factory):
    coordinator = GoalPerson.objects.get(email=DEMO_EMAIL)
    name = coordinator.name
    assert name and coordinator.team.is_published
    user = user_factory(username="klimat", email=DEMO_EMAIL)
    client.force_login(user)
    assert client.post("/konto/mina-uppgifter/", {"password": PASSWORD}).status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.name == ""
    report = FollowUpReport.objects.get(municipality__code="1780", year=2024)
    assert report.is_approved and report.is_published
    assert name not in str(report.data)
    assert name not in report.html_sv and name not in report.html_en
    page = client.get(f"/kommun/1780/uppfoljning/{report.year}/")
    assert name not in page.content.decode()
