"""The worker's own schedule: the reminder digest and the local climate contracts' report
reminders once a week, Monday from 07:00 local time, and the proposals' upkeep (engagement)
and the digest of calls for funding closing soon (funding) every day from 06:00; the open data
files (opendata) every night from 03:00.

Every worker checks it on each heartbeat; the shared `ScheduledRun` row, moved forward with a
compare-and-set UPDATE, lets exactly one of them enqueue a due run. A new installation counts
from the worker's first start, so the first digest goes out on the next Monday morning.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from klimatkontrakt.jobs.models import ScheduledRun

WEEKLY_DAY = 0  # Monday
WEEKLY_TIME = time(7, 0)
DAILY_TIME = time(6, 0)
NIGHTLY_TIME = time(3, 0)


def next_weekly(after: datetime) -> datetime:
    """The first Monday 07:00 (local time) strictly after `after`."""
    local = timezone.localtime(after)
    days = (WEEKLY_DAY - local.weekday()) % 7
    candidate = timezone.make_aware(
        datetime.combine(local.date() + timedelta(days=days), WEEKLY_TIME)
    )
    if candidate <= after:
        candidate = timezone.make_aware(
            datetime.combine(local.date() + timedelta(days=days + 7), WEEKLY_TIME)
        )
    return candidate


def _next_at(after: datetime, at: time) -> datetime:
    local = timezone.localtime(after)
    candidate = timezone.make_aware(datetime.combine(local.date(), at))
    if candidate <= after:
        candidate = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), at))
    return candidate


def next_daily(after: datetime) -> datetime:
    """The first 06:00 (local time) strictly after `after`."""
    return _next_at(after, DAILY_TIME)


def next_nightly(after: datetime) -> datetime:
    """The first 03:00 (local time) strictly after `after`."""
    return _next_at(after, NIGHTLY_TIME)


def run_due(now: datetime | None = None) -> list[str]:
    """Enqueue each scheduled task that is due; returns the names enqueued by this call."""
    from klimatkontrakt.engagement.local_contract_tasks import send_local_contract_reminders
    from klimatkontrakt.engagement.proposal_tasks import proposal_upkeep
    from klimatkontrakt.funding.call_tasks import call_digest
    from klimatkontrakt.opendata.tasks import nightly_open_data
    from klimatkontrakt.plans.tasks import send_weekly_reminders

    moment = now or timezone.now()
    enqueued: list[str] = []
    schedule = (
        ("reminder-digest", send_weekly_reminders, next_weekly),
        ("local-contract-reminders", send_local_contract_reminders, next_weekly),
        ("proposal-upkeep", proposal_upkeep, next_daily),
        ("call-digest", call_digest, next_daily),
        ("open-data", nightly_open_data, next_nightly),
    )
    for name, task, next_run in schedule:
        row, created = ScheduledRun.objects.get_or_create(
            name=name, defaults={"last_enqueued": moment}
        )
        if created or next_run(row.last_enqueued) > moment:
            continue
        won = ScheduledRun.objects.filter(pk=row.pk, last_enqueued=row.last_enqueued).update(
            last_enqueued=moment
        )
        if won:
            task.enqueue()
            enqueued.append(name)
    return enqueued
