"""Pages for calls for funding: the open calls, one call, entering and importing calls, and a
city's "Calls that fit" page with its deadline calendar (also as .ics) and applications."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.funding.forms.calls import ApplicationForm, CallForm, CallImportForm
from klimatkontrakt.funding.selectors import calls as selectors
from klimatkontrakt.funding.services import calls as services
from klimatkontrakt.investments.models import Measure
from klimatkontrakt.investments.selectors import visible_plans
from klimatkontrakt.organisations.access import (
    can_edit,
    can_edit_calls,
    require_calls_edit,
    require_edit,
)
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.calls import TEMPLATE_COLUMNS
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.web.pages import add_validation_errors, municipality_context


def call_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "funding/calls/list.html",
        {
            "calls": selectors.open_calls(),
            "can_edit_calls": can_edit_calls(request.user),
        },
    )


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "funding/calls/detail.html", {"call": selectors.call_by_id(pk)})


def call_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_calls_edit(request.user)
    call = selectors.call_by_id(pk) if pk else None
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_call(request.user, form.save(commit=False))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The call %(title)s was saved.") % {"title": saved.title})
            return redirect("funding:calls-detail", saved.pk)
    return render(request, "funding/calls/edit.html", {"form": form, "call": call})


def call_import(request: HttpRequest) -> HttpResponse:
    require_calls_edit(request.user)
    form = CallImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_calls(request.user, upload.name, upload.read())
        except SourceError as exc:
            for problem in exc.problems[:50]:
                messages.error(request, str(problem))
        else:
            if result.already_imported:
                messages.info(
                    request,
                    _("%(f)s was already imported; nothing changed.") % {"f": result.filename},
                )
            else:
                messages.success(
                    request,
                    _("%(f)s: %(c)d calls added, %(u)d updated.")
                    % {"f": result.filename, "c": result.created, "u": result.updated},
                )
            return redirect("funding:calls-list")
    return render(request, "funding/calls/import.html", {"form": form, "columns": TEMPLATE_COLUMNS})


def call_template(request: HttpRequest) -> HttpResponse:
    """The template's header row, with one example row, as CSV (UTF-8, semicolons)."""
    example = [
        "Energimyndigheten",
        "2027-00001",
        _("Example call: charging infrastructure"),
        _("Example row: replace it with a real call."),
        "2027-01-15",
        "2027-03-31",
        "https://example.org/call",
        _("Charging infrastructure"),
        _("Transport"),
    ]
    body = ";".join(TEMPLATE_COLUMNS) + "\r\n" + ";".join(example) + "\r\n"
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="utlysningar-mall.csv"'
    return response


def _application_form(request: HttpRequest, muni, data=None) -> ApplicationForm:  # type: ignore[no-untyped-def]
    measures = Measure.objects.filter(plan__in=visible_plans(request.user, muni))
    return ApplicationForm(data, measures=measures, initial={"applied_on": timezone.localdate()})


def fitting(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    found = selectors.suggestions(request.user, muni)
    return render(
        request,
        "funding/calls/fitting.html",
        municipality_context(
            request,
            muni,
            "calls",
            found=found,
            with_fits=[s for s in found if s.suggestions],
            without_fits=[s for s in found if not s.suggestions],
            calendar=selectors.deadline_calendar(found),
            applications=selectors.applications_of(request.user, muni),
            form=_application_form(request, muni) if can_edit(request.user, muni) else None,
        ),
    )


def fitting_ics(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    entries = selectors.deadline_calendar(selectors.suggestions(request.user, muni))
    body = selectors.calendar_ics(entries, muni, settings.SITE_URL)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="utlysningar-{muni.code}.ics"'
    return response


@require_POST
def application(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = _application_form(request, muni, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_application(
                request.user,
                d["measure"],
                d["call"],
                state=d["state"],
                amount_sek=d["amount_sek"],
                applied_on=d["applied_on"],
                decided_on=d["decided_on"],
                source_kind=d["source_kind"] or None,
            )
        except (ValidationError, PermissionDenied) as exc:
            for text in getattr(exc, "messages", [str(exc)]):
                messages.error(request, text)
        else:
            messages.success(request, _("The application was recorded."))
            return redirect("funding:calls-fitting", code)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
    return redirect("funding:calls-fitting", code)
