"""Editors delete actions (confirmation page, POST only); the plan's change log keeps them."""

import pytest

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionStatus, ActionUpdate, FollowupChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(karlstad, editor):
    plan = plans.create_plan(
        editor, karlstad, kind="waste", title="Avfallsplan", owner_name="Avfallssamordnare",
        is_published=True,
    )  # fmt: skip
    a = plans.create_action(
        editor, plan, plans.ActionInput("1.1", "Matsvinn", contact_name="Lisa Kontakt",
                                        contact_email="lisa@karlstad.se"),
    )  # fmt: skip
    status = ActionStatus.objects.get(municipality=karlstad, key="in_progress")
    plans.record_update(editor, a, status=status, progress=30, text="Kampanj i skolorna")
    return a


def _url(a):
    return f"/kommun/1780/handlingsplaner/{a.plan_id}/{a.pk}/ta-bort/"


def test_editor_confirms_then_deletes_and_the_log_keeps_it(editor_client, editor, action):
    confirm = editor_client.get(_url(action))
    assert confirm.status_code == 200 and "Matsvinn" in confirm.content.decode()
    assert Action.objects.filter(pk=action.pk).exists()
    r = editor_client.post(_url(action))
    assert r.status_code == 302
    assert not Action.objects.exists() and not ActionUpdate.objects.exists()
    log = FollowupChange.objects.get()
    assert log.what == "deleted" and log.user == editor and log.label == "1.1 Matsvinn"
    assert log.changes["before"]["updates"][0]["text"] == "Kampanj i skolorna"
    assert "lisa" not in str(log.changes).lower()  # the contact person is not kept
    plan_page = editor_client.get(f"/kommun/1780/handlingsplaner/{action.plan_id}/")
    assert "1.1 Matsvinn" in plan_page.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "viewer", "outsider"])
def test_others_cannot_delete(request, client, who, action):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    r = client.post(_url(action))
    assert r.status_code in (302, 403, 404)
    api = client.delete(f"/api/action-plans/{action.plan_id}/actions/{action.pk}?municipality=1780")
    assert api.status_code in (401, 403, 404)
    assert Action.objects.filter(pk=action.pk).exists() and not FollowupChange.objects.exists()


def test_editor_deletes_through_the_api(client, editor, action):
    client.force_login(editor)
    r = client.delete(f"/api/action-plans/{action.plan_id}/actions/{action.pk}?municipality=1780")
    assert r.status_code == 204 and not Action.objects.exists()
    assert FollowupChange.objects.get().kind == "action"
