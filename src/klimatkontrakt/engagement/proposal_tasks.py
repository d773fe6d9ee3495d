"""The daily upkeep of proposals as a task: the worker's schedule enqueues it (jobs.schedule)."""

from __future__ import annotations

from django.tasks import task

from klimatkontrakt.engagement.services.proposal_upkeep import daily_upkeep


@task()
def proposal_upkeep() -> dict[str, int]:
    """Reminders before and after answers' deadlines; expired contact details erased."""
    return daily_upkeep()
