from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Max
from django.shortcuts import get_object_or_404

from klimatkontrakt.jobs.models import Job, WorkerHeartbeat
from klimatkontrakt.organisations.access import (
    require_edit,
    require_national_report_edit,
    require_site_admin,
)
from klimatkontrakt.organisations.models import Municipality


def job_for(user: Any, municipality: Municipality, pk: int) -> Job:
    """A job of the municipality, for its editors only (403 for anyone else, 404 elsewhere)."""
    require_edit(user, municipality)
    return get_object_or_404(Job, municipality=municipality, pk=pk)


def national_job_for(user: Any, pk: int) -> Job:
    """A national job (no municipality): the national report's gathering for the programme
    office's editors, other national work for site administrators only."""
    job = Job.objects.filter(municipality=None, pk=pk).first()
    if job is not None and job.kind == Job.Kind.NATIONAL_REPORT:
        require_national_report_edit(user)
    else:
        require_site_admin(user)
    return get_object_or_404(Job, municipality=None, pk=pk)


def last_heartbeat() -> datetime | None:
    """When any task worker last said it was alive (None: no worker has run)."""
    value: datetime | None = WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"]
    return value
