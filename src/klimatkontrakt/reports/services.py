"""Writes of follow-up reports: create or refresh a draft, approve (freeze), publish."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.organisations.access import recorded_account, require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.reports import render
from klimatkontrakt.reports.builder import gather
from klimatkontrakt.reports.models import FollowUpReport


class FrozenReportError(Exception):
    """An approved report is a frozen snapshot."""


@transaction.atomic
def create_draft(user: Any, municipality: Municipality, year: int) -> FollowUpReport:
    """Gather the year's figures into a draft; a second call refreshes the same draft."""
    require_edit(user, municipality)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    report = (
        FollowUpReport.objects.select_for_update()
        .filter(municipality=municipality, year=year)
        .first()
    )
    if report is not None and report.is_approved:
        raise FrozenReportError(_("The %(year)s report is approved and frozen.") % {"year": year})
    data = gather(municipality, year)
    if report is None:
        report = FollowUpReport(
            municipality=municipality, year=year, created_by=recorded_account(user)
        )
    report.data = data
    report.gathered_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def approve(user: Any, report: FollowUpReport) -> FollowUpReport:
    """Freeze the draft as reviewed: its data and the rendered print HTML in both languages."""
    require_edit(user, report.municipality)
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    if report.is_approved:
        raise FrozenReportError(_("The report is already approved."))
    report.html_sv = render.print_html(report.data, "sv")
    report.html_en = render.print_html(report.data, "en")
    report.state = FollowUpReport.State.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = recorded_account(user)
    report.save()
    return report


@transaction.atomic
def publish(user: Any, report: FollowUpReport, *, published: bool = True) -> FollowUpReport:
    require_edit(user, report.municipality)
    if published and not report.is_approved:
        raise FrozenReportError(_("Only an approved report can be published."))
    report.is_published = published
    report.published_at = timezone.now() if published else None
    report.save(update_fields=["is_published", "published_at"])
    return report


def prepare_visibility(report: FollowUpReport, visibility: str) -> list[str]:
    """Only an approved report is made public (as `publish`); a draft may be shared."""
    from klimatkontrakt.organisations.sharing import SharingRefused, Visibility

    public = visibility == Visibility.PUBLIC
    if public and not report.is_approved:
        raise SharingRefused(_("Only an approved report can be published."))
    if public != report.is_published:
        report.published_at = timezone.now() if public else None
    return ["published_at"]
