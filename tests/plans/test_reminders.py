"""The weekly digest: each contact person gets their overdue actions, once, in Swedish."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(karlstad, editor):
    return plans.create_plan(
        editor, karlstad, kind="project", title="Projektplan", owner_name="Projektledare",
        update_interval_days=30,
    )  # fmt: skip


def _action(editor, plan, identifier, email, days_old):
    a = plans.create_action(
        editor,
        plan,
        plans.ActionInput(
            identifier=identifier, title=f"Aktivitet {identifier}", contact_email=email
        ),
    )
    Action.objects.filter(pk=a.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return a


def test_each_contact_gets_one_digest_with_only_their_overdue_open_actions(plan, editor, karlstad):
    _action(editor, plan, "A1", "anna@karlstad.se", 40)
    _action(editor, plan, "A2", "Anna@Karlstad.se", 90)
    _action(editor, plan, "A3", "anna@karlstad.se", 5)  # within the interval
    _action(editor, plan, "B1", "bo@karlstad.se", 60)
    closed = _action(editor, plan, "B2", "bo@karlstad.se", 60)
    done = ActionStatus.objects.get(municipality=karlstad, key="done")
    plans.record_update(
        editor,
        closed,
        status=done,
        progress=100,
        text="Klar",
        at=timezone.now() - timedelta(days=50),
    )
    _action(editor, plan, "C1", "", 90)  # nobody to remind
    out = io.StringIO()
    call_command("remind_actions", municipality="1780", stdout=out)
    assert "2 reminder e-mails sent" in out.getvalue()
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"anna@karlstad.se", "bo@karlstad.se"}
    anna = by_to["anna@karlstad.se"]
    assert anna.subject == "2 aktiviteter väntar på en statusuppdatering"
    assert "A1 Aktivitet A1" in anna.body and "A2 Aktivitet A2" in anna.body
    assert "A3" not in anna.body
    assert f"/kommun/1780/handlingsplaner/{plan.pk}/" in anna.body
    bo = by_to["bo@karlstad.se"]
    assert "B1" in bo.body and "B2" not in bo.body


def test_other_municipalities_are_left_out_when_one_is_named(
    plan, editor, other_municipality, user_factory
):
    _action(editor, plan, "A1", "anna@karlstad.se", 40)
    other_editor = user_factory(username="sthlm", member_of=other_municipality)
    other = plans.create_plan(other_editor, other_municipality, kind="waste", title="Avfall",
                              owner_name="X", update_interval_days=10)  # fmt: skip
    _action(other_editor, other, "S1", "sam@stockholm.se", 40)
    call_command("remind_actions", municipality="1780", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["anna@karlstad.se"]]
    mail.outbox.clear()
    call_command("remind_actions", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@karlstad.se", "sam@stockholm.se"]


def test_nothing_overdue_sends_nothing(plan, editor):
    _action(editor, plan, "A1", "anna@karlstad.se", 1)
    out = io.StringIO()
    call_command("remind_actions", municipality="1780", stdout=out)
    assert mail.outbox == [] and "0 reminder e-mails sent" in out.getvalue()


def test_unknown_municipality():
    with pytest.raises(CommandError, match="No municipality"):
        call_command("remind_actions", municipality="9999")
