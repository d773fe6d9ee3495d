"""The daily upkeep reminds a department a week before an answer is due, and weekly while it is
overdue; the worker's schedule enqueues it once a day."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from klimatkontrakt.engagement.models import Proposal
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.engagement.services.proposal_upkeep import send_reminders
from klimatkontrakt.engagement.services.proposals import AnswerInput
from klimatkontrakt.jobs import schedule

pytestmark = pytest.mark.django_db


def _due_in(proposal, days):
    Proposal.objects.filter(pk=proposal.pk).update(
        deadline=timezone.localdate() + timedelta(days=days)
    )


def test_a_reminder_goes_once_a_week_before_the_deadline(assigned, department_user):
    _due_in(assigned[0], 5)
    assert send_reminders() == 1
    assert mail.outbox[0].to == ["handlaggare@example.org"]
    assert mail.outbox[0].subject == "1 förslag väntar på ditt svar"
    assert f"/kommun/1780/forslag/{assigned[0].pk}/svara/" in mail.outbox[0].body
    assert send_reminders() == 0  # not twice before the deadline


def test_an_overdue_answer_is_reminded_weekly_until_answered(assigned, department_user, editor):
    _due_in(assigned[0], -1)
    now = timezone.now()
    assert send_reminders(now) == 1 and "Svaret är försenat" in mail.outbox[0].body
    assert send_reminders(now + timedelta(days=3)) == 0
    assert send_reminders(now + timedelta(days=7)) == 1
    services.answer_proposal(editor, assigned[0], AnswerInput(decision="accepted", text="Ja"))
    assert send_reminders(now + timedelta(days=14)) == 0


def test_without_department_people_the_editors_are_reminded(assigned, editor):
    editor.email = "redaktor@example.org"
    editor.save()
    _due_in(assigned[0], -2)
    send_reminders()
    assert mail.outbox[0].to == ["redaktor@example.org"]


def test_the_schedule_enqueues_the_upkeep_once_a_day(settings, assigned, department_user):
    settings.TIME_ZONE = "Europe/Stockholm"
    _due_in(assigned[0], -1)

    def at(*args):
        return timezone.make_aware(datetime(*args))

    def daily(moment):
        return [n for n in schedule.run_due(moment) if n == "proposal-upkeep"]

    assert daily(at(2026, 12, 5, 12, 0)) == []  # the first start only counts from now
    assert daily(at(2026, 12, 6, 5, 59)) == []
    assert daily(at(2026, 12, 6, 6, 1)) == ["proposal-upkeep"]
    assert daily(at(2026, 12, 6, 9, 0)) == []
    assert daily(at(2026, 12, 7, 6, 0)) == ["proposal-upkeep"]
    assert len(mail.outbox) == 1  # the task ran (at once in tests); overdue reminders are weekly
