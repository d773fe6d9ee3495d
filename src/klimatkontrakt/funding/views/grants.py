"""The grant pages: a city's portfolio (with its review list and downloads), one grant with
its links, a grant entered by hand, a file import, the city's group list, and every contract
city side by side."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.contracts.selectors import commitments_of_municipality
from klimatkontrakt.documents.tables import Table, download
from klimatkontrakt.funding import grant_tables as tables
from klimatkontrakt.funding.forms.grants import (
    CommitmentsForm,
    GrantFileForm,
    GrantForm,
    GroupOrganisationForm,
    MeasureLinkForm,
)
from klimatkontrakt.funding.models import GroupOrganisation
from klimatkontrakt.funding.selectors import grants as selectors
from klimatkontrakt.funding.services import grants as services
from klimatkontrakt.investments.selectors import measures_of_municipality
from klimatkontrakt.organisations.access import can_edit, can_view_unpublished, require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.grant_records import GrantRecord
from klimatkontrakt.web.charts import table_chart
from klimatkontrakt.web.pages import add_validation_errors, municipality_context

ACTIVE = "grants"


def _lang() -> str:
    return get_language() or "sv"


def _tables(muni: Municipality) -> dict[str, Table]:
    p = selectors.portfolio(muni)
    grants = list(selectors.grant_rows(selectors.counted(muni)))
    found = [
        tables.funder_year_table(p),
        tables.grouped_table(p, "per-program"),
        tables.grouped_table(p, "per-mottagare"),
        tables.grants_table(p, grants),
    ]
    return {t.key: t for t in found}


def portfolio(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    p = selectors.portfolio(muni)
    by_funder_year = tables.funder_year_table(p)
    url = reverse("funding:grant_table", args=[code, by_funder_year.key])
    chart = (
        table_chart(
            tables.funder_year_chart(by_funder_year),
            by_funder_year,
            download_url=url,
            language=_lang(),
        )
        if by_funder_year.rows
        else None
    )
    return render(
        request,
        "funding/grants/portfolio.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            portfolio=p,
            chart=chart,
            by_programme=tables.grouped_table(p, "per-program"),
            by_recipient=tables.grouped_table(p, "per-mottagare"),
            grants=selectors.grant_rows(selectors.counted(muni)),
            to_review=selectors.to_review(request.user, muni),
        ),
    )


def table(request: HttpRequest, code: str, key: str) -> HttpResponse:
    muni = municipality_by_code(code)
    found = _tables(muni).get(key)
    if found is None:
        raise Http404(_("No such table."))
    return download(found, request.GET.get("format", "csv"), filename=f"{code}-{key}")


def grant_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    grant = selectors.grant_of(muni, pk, request.user)
    editable = can_edit(request.user, muni) and grant.counted
    measures = measures_of_municipality(muni).select_related("plan")
    link_form = MeasureLinkForm(measures=measures)
    commitments_form = CommitmentsForm(
        commitments=commitments_of_municipality(muni),
        initial={"commitments": list(grant.commitments.all())},
    )
    if request.method == "POST":
        require_edit(request.user, muni)
        action = request.POST.get("action", "")
        try:
            if action == "link":
                link_form = MeasureLinkForm(request.POST, measures=measures)
                if link_form.is_valid():
                    services.link_measure(request.user, grant, link_form.cleaned_data["measure"])
                    messages.success(
                        request, _("The grant is linked to the measure and counted in its funding.")
                    )
                    return redirect("funding:grant", code, grant.pk)
            elif action == "unlink":
                measure = (
                    measures.filter(pk=request.POST.get("measure", "0") or 0).first()
                    if request.POST.get("measure", "").isdigit()
                    else None
                )
                if measure is None:
                    raise ValidationError(_("Choose a measure."))
                services.unlink_measure(request.user, grant, measure)
                messages.success(request, _("The link and its funding were removed."))
                return redirect("funding:grant", code, grant.pk)
            elif action == "commitments":
                commitments_form = CommitmentsForm(
                    request.POST, commitments=commitments_of_municipality(muni)
                )
                if commitments_form.is_valid():
                    services.set_commitments(
                        request.user,
                        grant,
                        [c.pk for c in commitments_form.cleaned_data["commitments"]],
                    )
                    messages.success(request, _("The commitments were saved."))
                    return redirect("funding:grant", code, grant.pk)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    members = can_view_unpublished(request.user, muni)
    return render(
        request,
        "funding/grants/grant.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            grant=grant,
            years=services.project_rows(grant),
            links=selectors.links_of(grant) if members else [],
            commitments=grant.commitments.all() if members else [],
            editable=editable,
            link_form=link_form,
            commitments_form=commitments_form,
        ),
    )


@require_POST
def review(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    grant = selectors.grant_of(muni, pk, request.user)
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        messages.error(request, _("Choose accept or reject."))
    else:
        try:
            services.review_grant(request.user, grant, decision == "accept")
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The grant is counted in the portfolio.")
                if decision == "accept"
                else _("The grant was rejected and is not counted."),
            )
    return redirect("funding:grants", code)


def grant_new(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        record = GrantRecord(
            funder=d["funder"],
            reference=d["reference"],
            title=d["title"],
            recipient_name=d["recipient_name"],
            recipient_org_number=d["recipient_org_number"],
            role=d["role"],
            year=d["year"],
            amount_sek=d["amount_sek"],
            programme=d["programme"],
            categories=d["categories"],
        )
        try:
            grant = services.add_grant(request.user, muni, record, d["recipient_kind"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The grant was added to the portfolio."))
            return redirect("funding:grant", code, grant.pk)
    return render(
        request,
        "funding/grants/grant_form.html",
        municipality_context(request, muni, ACTIVE, form=form),
    )


def grant_import(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = GrantFileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result, outside = services.import_grants(
                request.user,
                form.cleaned_data["source"],
                upload.read(),
                upload.name,
                municipality=muni,
            )
        except SourceError as exc:
            problems = exc.messages
        else:
            if result.already_imported:
                messages.info(request, _("This file was imported before; nothing changed."))
            else:
                messages.success(
                    request,
                    _(
                        "%(created)s grants added, %(updated)s updated; "
                        "%(outside)s rows of other municipalities left out."
                    )
                    % {"created": result.created, "updated": result.updated, "outside": outside},
                )
            return redirect("funding:grants", code)
    return render(
        request,
        "funding/grants/import.html",
        municipality_context(request, muni, ACTIVE, form=form, problems=problems),
    )


def group(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    form = GroupOrganisationForm(request.POST or None)
    if request.method == "POST":
        require_edit(request.user, muni)
        if form.is_valid():
            org = form.save(commit=False)
            org.municipality = muni
            try:
                services.save_group_organisation(request.user, org)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(
                    request, _("The organisation was added; grants were matched again.")
                )
                return redirect("funding:group", code)
    return render(
        request,
        "funding/grants/group.html",
        municipality_context(
            request, muni, ACTIVE, form=form, organisations=selectors.group_organisations(muni)
        ),
    )


@require_POST
def group_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    org = GroupOrganisation.objects.filter(municipality=muni, pk=pk).first()
    if org is None:
        raise Http404(_("No such organisation."))
    services.delete_group_organisation(request.user, org)
    messages.success(request, _("The organisation was removed; grants were matched again."))
    return redirect("funding:group", code)


def _year_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 1990 <= int(raw) <= 2100 else None


def national(request: HttpRequest) -> HttpResponse:
    n = selectors.national_portfolio(_year_param(request))
    cities = tables.national_table(n)
    chart = None
    if any(r.get("sek_per_capita") for r in cities.rows):
        chart = table_chart(
            tables.per_capita_chart(cities),
            cities,
            download_url=reverse("funding:national_table", args=[cities.key]),
            language=_lang(),
        )
    return render(
        request,
        "funding/grants/national.html",
        {
            "national": n,
            "cities": cities,
            "rows": tables.national_rows_table(n),
            "counties": tables.county_table(selectors.unplaced_by_county()),
            "chart": chart,
            "year": _year_param(request),
            "language": _lang(),
        },
    )


def national_table(request: HttpRequest, key: str) -> HttpResponse:
    n = selectors.national_portfolio(_year_param(request))
    found = {
        t.key: t
        for t in (
            tables.national_table(n),
            tables.national_rows_table(n),
            tables.county_table(selectors.unplaced_by_county()),
        )
    }.get(key)
    if found is None:
        raise Http404(_("No such table."))
    return download(found, request.GET.get("format", "csv"), filename=key)


__all__ = ["PermissionDenied"]
