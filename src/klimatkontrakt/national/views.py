"""The national level's pages: the programme office's editor of the year's common part of the
contract, and each agency's (or the programme's) list of its commitments with their status."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.contracts import common_selectors as selectors
from klimatkontrakt.contracts import common_services as services
from klimatkontrakt.documents.tables import FORMATS, download
from klimatkontrakt.national import followup_table
from klimatkontrakt.national.followup import PARTS, valid_year
from klimatkontrakt.national.followup import followup as national_followup
from klimatkontrakt.national.forms import (
    CommonCommitmentForm,
    CommonSectionForm,
    StartCommonPartForm,
    StatusForm,
)
from klimatkontrakt.organisations.access import (
    can_edit_common_part,
    can_edit_organisation,
    is_national_staff,
    require_common_part_edit,
)
from klimatkontrakt.organisations.selectors import contract_municipalities
from klimatkontrakt.web.pages import add_validation_errors, refusal_text, write_and_tell

REFUSED = (services.FixedCommonPartError, ValidationError)


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"can_edit_common": can_edit_common_part(request.user), **extra}


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "national/index.html",
        _context(
            request,
            parts=selectors.visible_common_parts(request.user),
            organisations=selectors.national_organisations(),
            cities=contract_municipalities(),
            start_form=StartCommonPartForm(),
            followup_year=date.today().year,
        ),
    )


@login_required
@require_POST
def start_part(request: HttpRequest) -> HttpResponse:
    require_common_part_edit(request.user)
    form = StartCommonPartForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "; ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect("national:index")
    year = form.cleaned_data["year"]
    if write_and_tell(
        request,
        lambda: services.start_common_part(request.user, year),
        success=_("The common part of %(year)s was started.") % {"year": year},
        refused=ValidationError,
    ):
        return redirect("national:part", year)
    return redirect("national:index")


def part_detail(request: HttpRequest, year: int) -> HttpResponse:
    part = selectors.common_part_for(request.user, year)
    return render(
        request,
        "national/part.html",
        _context(
            request,
            part=part,
            sections=selectors.common_sections(part.pk),
            cities=part.versions.filter(is_published=True)
            .select_related("contract__municipality")
            .order_by("contract__municipality__name"),
        ),
    )


@login_required
def fix_part(request: HttpRequest, year: int) -> HttpResponse:
    part = selectors.common_part_for(request.user, year)
    require_common_part_edit(request.user)
    if request.method == "POST":
        write_and_tell(
            request,
            lambda: services.fix_common_part(request.user, part),
            success=_("The common part of %(year)s is fixed.") % {"year": year},
            refused=REFUSED,
        )
        return redirect("national:part", year)
    return render(
        request,
        "national/confirm.html",
        _context(
            request,
            part=part,
            question=_(
                "Fix the common part of %(year)s? Its text can then no longer change, and the "
                "cities can sign their versions of %(year)s. The owners can still update the "
                "status of their commitments."
            )
            % {"year": year},
        ),
    )


@login_required
def section_edit(request: HttpRequest, year: int, key: str) -> HttpResponse:
    part = selectors.common_part_for(request.user, year)
    require_common_part_edit(request.user)
    section = part.sections.filter(key=key).first()
    if section is None:
        raise Http404("No such section")
    if request.method == "POST":
        form = CommonSectionForm(request.POST)
        if form.is_valid():
            try:
                services.update_common_section(request.user, section, form.cleaned_data["body"])
            except services.FixedCommonPartError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The section text was saved."))
                return redirect(reverse("national:part", args=[year]) + f"#section-{key}")
    else:
        form = CommonSectionForm(initial={"body": section.body})
    return render(
        request,
        "national/form.html",
        _context(
            request,
            part=part,
            form=form,
            heading=_("Edit the text of “%(title)s”") % {"title": section.heading},
        ),
    )


@login_required
def commitment_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    part = selectors.common_part_for(request.user, year)
    require_common_part_edit(request.user)
    commitment = selectors.common_commitment_for(request.user, pk) if pk else None
    if commitment is not None and commitment.common_part_id != part.pk:
        raise Http404("The commitment belongs to another year")
    if request.method == "POST":
        form = CommonCommitmentForm(request.POST, part=part)
        if form.is_valid():
            try:
                if commitment is None:
                    services.create_common_commitment(request.user, part, form.to_input())
                    messages.success(request, _("The commitment was added."))
                else:
                    services.update_common_commitment(request.user, commitment, form.to_input())
                    messages.success(request, _("The commitment was saved."))
                return redirect("national:part", year)
            except services.FixedCommonPartError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                add_validation_errors(form, exc)
    else:
        initial = (
            CommonCommitmentForm.initial_for(commitment)
            if commitment
            else {"planned_year": year, "status": "planned"}
        )
        form = CommonCommitmentForm(initial=initial, part=part)
    heading = _("Edit commitment") if commitment else _("Add commitment")
    return render(
        request, "national/form.html", _context(request, part=part, form=form, heading=heading)
    )


@login_required
@require_POST
def commitment_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    part = selectors.common_part_for(request.user, year)
    commitment = selectors.common_commitment_for(request.user, pk)
    if commitment.common_part_id != part.pk:
        raise Http404("The commitment belongs to another year")
    write_and_tell(
        request,
        lambda: services.delete_common_commitment(request.user, commitment),
        success=_("The commitment was removed from the common part."),
        refused=services.FixedCommonPartError,
    )
    return redirect("national:part", year)


def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.national_organisation(slug)
    return render(
        request,
        "national/organisation.html",
        _context(
            request,
            organisation=org,
            commitments=list(selectors.commitments_owned_by(request.user, org)),
            can_update=can_edit_organisation(request.user, org),
            status_form=StatusForm(),
        ),
    )


@login_required
@require_POST
def commitment_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's status of a common commitment, once for every city's contract."""
    commitment = selectors.common_commitment_for(request.user, pk)
    if not can_edit_organisation(request.user, commitment.owner):
        raise PermissionDenied(
            _("You need the editor role in %(organisation)s to change this.")
            % {"organisation": commitment.owner.name}
        )
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
    else:
        try:
            services.set_common_status(request.user, commitment, form.cleaned_data["status"])
        except ValidationError as exc:
            messages.error(request, refusal_text(exc))
        else:
            messages.success(
                request,
                _("The status was saved for every contract that carries the commitment."),
            )
    return redirect(reverse("national:organisation", args=[commitment.owner.slug]) + f"#cc{pk}")


def followup(request: HttpRequest, year: int) -> HttpResponse:
    """All contract cities side by side for a year, sorted and filtered on the server."""
    if not valid_year(year):
        raise Http404("No such year")
    query = followup_table.query_from(request.GET)
    rows = followup_table.select(national_followup(year, request.user), query)
    return render(
        request,
        "national/followup.html",
        _context(
            request,
            year=year,
            query=query,
            filter_query=query.filters(),
            columns=followup_table.COLUMNS,
            statuses=followup_table.STATUS_LABELS,
            parts=PARTS,
            table=[{"row": r, "cells": followup_table.cells(r, year)} for r in rows],
            formats=FORMATS,
            shared_reader=is_national_staff(request.user),
        ),
    )


def followup_data(request: HttpRequest, year: int) -> HttpResponse:
    """The shown rows (same filters and order as the page) as CSV for Swedish Excel, CSV with
    commas and points, or XLSX."""
    if not valid_year(year):
        raise Http404("No such year")
    query = followup_table.query_from(request.GET)
    rows = followup_table.select(national_followup(year, request.user), query)
    return download(followup_table.download_table(rows, year), request.GET.get("format", "csv"))
