"""The weekly reminder to signatories who have not reported: the worker's schedule enqueues it
(jobs.schedule), like the action plans' reminder digest."""

from __future__ import annotations

from django.tasks import task

from klimatkontrakt.engagement.services.local_contract_signatories import send_report_reminders


@task()
def send_local_contract_reminders() -> int:
    """New report links for last year to every signatory still to report; how many went out."""
    return send_report_reminders()
