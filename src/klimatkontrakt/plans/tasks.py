"""The weekly reminder digest as a task: the worker's schedule enqueues it (jobs.schedule)."""

from __future__ import annotations

from django.tasks import task

from klimatkontrakt.plans.reminders import send_reminders


@task()
def send_weekly_reminders() -> int:
    """Every municipality's digests; returns how many e-mails went out."""
    return send_reminders()
