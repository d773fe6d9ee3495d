"""The weekly upkeep of local climate contracts: the worker's schedule enqueues it
(jobs.schedule), like the action plans' reminder digest. It sends the report reminders and
erases expired contact data (services.local_contract_retention)."""

from __future__ import annotations

from django.tasks import task

from klimatkontrakt.engagement.services.local_contract_retention import (
    erase_expired_signatory_contacts,
)
from klimatkontrakt.engagement.services.local_contract_signatories import send_report_reminders


@task()
def send_local_contract_reminders() -> dict[str, int]:
    """New report links for last year to every signatory still to report, then the retention
    of contact data: how many links went out, contacts were erased, sign-ups deleted."""
    reminders = send_report_reminders()
    return {"reminders": reminders, **erase_expired_signatory_contacts()}
