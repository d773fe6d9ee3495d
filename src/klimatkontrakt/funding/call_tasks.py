"""The daily digest of calls closing within 30 days, as a task: the worker's schedule enqueues
it (jobs.schedule), like the proposals' upkeep."""

from __future__ import annotations

from django.tasks import task

from klimatkontrakt.funding.services.calls import send_call_digest


@task()
def call_digest() -> int:
    """Each call that fits an unfunded measure and closes within 30 days, once per call and
    measure, to the measure's responsible people; returns how many e-mails went out."""
    return send_call_digest()
