from datetime import timedelta

import pytest
from django.utils import timezone

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def waste_plan(karlstad, editor):
    plan = plans.create_plan(
        editor,
        karlstad,
        kind="waste",
        title="Avfallsplan 2024–2027",
        owner_name="Avfallssamordnare",
        start_year=2024,
        end_year=2027,
        update_interval_days=60,
        work_packages=[("U1", "Förebygga avfall"), ("U2", "Öka återvinningen")],
        is_published=True,
    )
    u1 = plan.work_packages.get(code="U1")
    a1 = plans.create_action(editor, plan, plans.ActionInput("1.1", "Matsvinn", work_package=u1))
    plans.create_action(editor, plan, plans.ActionInput("2.1", "Textilinsamling"))
    done = ActionStatus.objects.get(municipality=karlstad, key="done")
    plans.record_update(editor, a1, status=done, progress=100, text="Kampanj genomförd")
    Action.objects.filter(identifier="2.1").update(created_at=timezone.now() - timedelta(days=90))
    return plan


def test_list_counts_actions_per_work_package_and_overdue(client, waste_plan):
    [plan] = client.get("/api/action-plans/", {"municipality": "1780"}).json()
    assert plan["title"] == "Avfallsplan 2024–2027"
    packages = {w["code"]: w["actions_by_status"] for w in plan["work_packages"]}
    assert packages == {"U1": {"done": 1}, "U2": {}, "": {"not_started": 1}}
    assert plan["overdue_actions"] == 1


def test_detail_lists_actions_with_history(client, waste_plan):
    data = client.get(f"/api/action-plans/{waste_plan.pk}/", {"municipality": "1780"}).json()
    actions = {a["identifier"]: a for a in data["actions"]}
    assert actions["1.1"]["status"] == "done" and actions["1.1"]["status_closed"]
    assert [u["text"] for u in actions["1.1"]["updates"]] == ["Kampanj genomförd"]
    assert actions["2.1"]["overdue"] and actions["2.1"]["work_package"] is None


def test_unpublished_plans_are_hidden(client, karlstad, editor, outsider, viewer):
    plan = plans.create_plan(
        editor, karlstad, kind="traffic", title="Trafikplan (utkast)", owner_name="Planerare"
    )
    url = f"/api/action-plans/{plan.pk}/"
    assert client.get("/api/action-plans/", {"municipality": "1780"}).json() == []
    assert client.get(url, {"municipality": "1780"}).status_code == 404
    client.force_login(outsider)
    assert client.get(url, {"municipality": "1780"}).status_code == 404
    client.force_login(viewer)
    assert client.get(url, {"municipality": "1780"}).json()["title"] == "Trafikplan (utkast)"
