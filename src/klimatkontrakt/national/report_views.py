"""The national follow-up report's pages: the list of reports, a report (the frozen snapshot
once approved), its downloads, and the programme editors' gather, approve and publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.national import report_render, report_selectors, report_services
from klimatkontrakt.organisations.access import (
    can_edit_national_report,
    require_national_report_edit,
)
from klimatkontrakt.web.pages import refusal_text, write_and_tell
from klimatkontrakt.web.security import allow_own_styles

REFUSED = (report_services.FrozenReportError, ValidationError)


def report_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "national/report_list.html",
        {
            "reports": report_selectors.visible_reports(request.user).defer(
                "data", "html_sv", "html_en"
            ),
            "can_edit": can_edit_national_report(request.user),
            "this_year": timezone.now().year,
        },
    )


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    require_national_report_edit(request.user)
    raw = request.POST.get("year", "")
    if not raw.isdigit() or not report_selectors.valid_report_year(int(raw)):
        messages.error(request, _("Give a year between 2000 and 2100."))
        return redirect("national:reports")
    year = int(raw)
    try:
        job = report_services.start_gathering(request.user, year)
    except REFUSED as exc:
        messages.error(request, refusal_text(exc))
        return redirect("national:reports")
    # The job page answers at once and follows the gathering; it links to the draft when done.
    return redirect(job.get_absolute_url())


def detail(request: HttpRequest, year: int) -> HttpResponse:
    report = report_selectors.report_for(request.user, year)
    language = report_selectors.language_of(get_language())
    frozen = report.html_en if language == "en" else report.html_sv
    body = report_render.frozen_body(frozen) if report.is_approved else None
    if body is None:
        body = report_render.body_html(report.data, language, state=report.state)
    return render(
        request,
        "national/report_detail.html",
        {
            "report": report,
            "title": report_render.title(report.data),
            "body": mark_safe(body),  # noqa: S308 - our own template's output
            "can_edit": can_edit_national_report(request.user),
            "formats": [f for f in report_selectors.FORMATS if f != "html"],
        },
    )


@login_required
@require_POST
def approve(request: HttpRequest, year: int) -> HttpResponse:
    require_national_report_edit(request.user)
    report = report_selectors.report_for(request.user, year)
    write_and_tell(
        request,
        lambda: report_services.approve(request.user, report),
        success=_("The report is approved and frozen."),
        refused=REFUSED,
    )
    return redirect("national:report", year)


@login_required
@require_POST
def publish(request: HttpRequest, year: int) -> HttpResponse:
    require_national_report_edit(request.user)
    report = report_selectors.report_for(request.user, year)
    published = request.POST.get("publish") != "0"
    write_and_tell(
        request,
        lambda: report_services.publish(request.user, report, published=published),
        success=_("The report's publication has been updated."),
        refused=REFUSED,
    )
    return redirect("national:report", year)


def download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in report_selectors.FORMATS:
        raise Http404("No such format")
    report = report_selectors.report_for(request.user, year)
    language = request.GET.get("lang") or get_language() or "sv"
    out = report_selectors.output(report, fmt, language)
    response = HttpResponse(out.content, content_type=out.content_type)
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{out.filename}"'
        return response
    # The print HTML carries its own <style> block (the same page WeasyPrint turns into the PDF).
    return allow_own_styles(response)
