"""Writes of the national follow-up report: gather (or regather) a draft, at once or in the task
worker, approve it (a frozen snapshot), publish or unpublish it. Each state change is written to
the change log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.national import report_render, report_selectors
from klimatkontrakt.national.models import NationalReport
from klimatkontrakt.organisations.access import recorded_account, require_national_report_edit


class FrozenReportError(Exception):
    """An approved national report is a frozen snapshot."""


def _state(report: NationalReport) -> dict[str, Any]:
    return {"year": report.year, "state": report.state, "is_published": report.is_published}


def _refuse_early(user: Any, year: int) -> None:
    require_national_report_edit(user)
    if not report_selectors.valid_report_year(year):
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    if NationalReport.objects.filter(year=year, state=NationalReport.State.APPROVED).exists():
        raise FrozenReportError(
            _("The national report of %(year)s is approved and frozen.") % {"year": year}
        )


def start_gathering(user: Any, year: int) -> Job:
    """Gather the year's draft in the task worker ("Sammanställ"): the job follows the
    progress. Refused at once (no job) for a reader who may not, a year out of range or an
    approved report; `create_draft` checks all again when the worker runs."""
    from klimatkontrakt.national import tasks  # the task module imports this one

    _refuse_early(user, year)
    job = jobs.start_national(user, Job.Kind.NATIONAL_REPORT)
    result = tasks.gather_report.enqueue(job.pk, year)
    jobs.set_task(job, str(result.id))
    job.refresh_from_db()
    return job


@transaction.atomic
def create_draft(user: Any, year: int, *, example_data: bool = False) -> NationalReport:
    """Gather the year's figures (as the public reads them) into a draft; a second call
    regathers the same draft. `example_data`: built by the demo, which every output says."""
    require_national_report_edit(user)
    if not report_selectors.valid_report_year(year):
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    report = NationalReport.objects.select_for_update().filter(year=year).first()
    if report is not None and report.is_approved:
        raise FrozenReportError(
            _("The national report of %(year)s is approved and frozen.") % {"year": year}
        )
    created = report is None
    if report is None:
        report = NationalReport(year=year, created_by=recorded_account(user))
    report.data = report_selectors.gather(year)
    if example_data:
        report.data["example_data"] = True
    report.gathered_at = timezone.now()
    report.save()
    log_change(
        user,
        None,
        ChangeLogEntry.Action.CREATED if created else ChangeLogEntry.Action.UPDATED,
        report,
        label=_("National report %(year)s") % {"year": year},
        after={**_state(report), "gathered_at": report.gathered_at.isoformat()},
    )
    return report


@transaction.atomic
def approve(user: Any, report: NationalReport) -> NationalReport:
    """Freeze the draft as reviewed: its data and the print HTML in both languages."""
    require_national_report_edit(user)
    report = NationalReport.objects.select_for_update().get(pk=report.pk)
    if report.is_approved:
        raise FrozenReportError(_("The report is already approved."))
    before = _state(report)
    report.html_sv = report_render.print_html(report.data, "sv")
    report.html_en = report_render.print_html(report.data, "en")
    report.state = NationalReport.State.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = recorded_account(user)
    report.save()
    log_change(
        user,
        None,
        ChangeLogEntry.Action.UPDATED,
        report,
        label=_("National report %(year)s") % {"year": report.year},
        before=before,
        after=_state(report),
    )
    return report


@transaction.atomic
def publish(user: Any, report: NationalReport, *, published: bool = True) -> NationalReport:
    require_national_report_edit(user)
    report = NationalReport.objects.select_for_update().get(pk=report.pk)
    if published and not report.is_approved:
        raise FrozenReportError(_("Only an approved report can be published."))
    before = _state(report)
    report.is_published = published
    report.published_at = timezone.now() if published else None
    report.published_by = recorded_account(user) if published else None
    report.save(update_fields=["is_published", "published_at", "published_by"])
    log_change(
        user,
        None,
        ChangeLogEntry.Action.UPDATED,
        report,
        label=_("National report %(year)s") % {"year": report.year},
        before=before,
        after=_state(report),
    )
    return report
