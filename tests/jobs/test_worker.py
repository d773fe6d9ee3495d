"""The worker's heartbeat and its weekly schedule of the reminder digest."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from klimatkontrakt.jobs import schedule
from klimatkontrakt.jobs.management.commands.worker import beat
from klimatkontrakt.jobs.models import ScheduledRun
from klimatkontrakt.jobs.selectors import last_heartbeat
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("after", "due"),
    [
        (at(2026, 12, 5, 23, 0), at(2026, 12, 7, 7, 0)),  # Saturday -> Monday
        (at(2026, 12, 7, 6, 59), at(2026, 12, 7, 7, 0)),  # Monday before seven
        (at(2026, 12, 7, 7, 0), at(2026, 12, 14, 7, 0)),  # exactly then: the next week
        (at(2026, 3, 23, 8, 0), at(2026, 3, 30, 7, 0)),  # across the change to summer time
    ],
)
def test_next_weekly_is_the_next_monday_at_seven_local_time(after, due):
    assert schedule.next_weekly(after) == due


@pytest.mark.django_db
def test_the_digest_is_enqueued_once_a_week_by_one_worker(settings, editor, karlstad):
    settings.TIME_ZONE = "Europe/Stockholm"
    plan = plans.create_plan(
        editor, karlstad, kind="project", title="Projektplan", owner_name="Projektledare",
        update_interval_days=30,
    )  # fmt: skip
    action = plans.create_action(
        editor,
        plan,
        plans.ActionInput(identifier="A1", title="Aktivitet A1", contact_email="anna@karlstad.se"),
    )
    Action.objects.filter(pk=action.pk).update(created_at=timezone.now() - timedelta(days=40))

    def weekly(moment):  # the daily tasks have their own tests (engagement, funding)
        daily = ("proposal-upkeep", "call-digest", "open-data")
        return [n for n in schedule.run_due(moment) if n not in daily]

    assert weekly(at(2026, 12, 5, 12, 0)) == []  # the first start only counts from now
    assert weekly(at(2026, 12, 7, 6, 0)) == []
    both = ["reminder-digest", "local-contract-reminders"]
    assert weekly(at(2026, 12, 7, 7, 1)) == both
    # A second worker (or the next beat) in the same week finds it done.
    assert weekly(at(2026, 12, 7, 7, 2)) == []
    assert ScheduledRun.objects.get(name="reminder-digest").last_enqueued == at(2026, 12, 7, 7, 1)
    assert weekly(at(2026, 12, 14, 7, 0)) == both
    # Each enqueued digest ran (tests run tasks at once): one e-mail a week to the contact.
    assert [m.to for m in mail.outbox] == [["anna@karlstad.se"], ["anna@karlstad.se"]]


@pytest.mark.django_db
def test_a_beat_records_the_worker_for_healthz():
    assert last_heartbeat() is None
    beat("host-1")
    first = last_heartbeat()
    assert first is not None
    beat("host-1")
    second = last_heartbeat()
    assert second is not None and second >= first
