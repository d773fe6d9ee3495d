from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.reports import render as report_render
from klimatkontrakt.reports import selectors, services, tasks
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.pages import municipality_context, write_and_tell
from klimatkontrakt.web.security import allow_own_styles


def report_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    reports = selectors.visible_reports(request.user, muni)
    return render(
        request,
        "reports/list.html",
        municipality_context(request, muni, "reports", reports=reports),
    )


@require_POST
def create(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, _("Give the report's year as a number."))
        return redirect("reports:list", code)
    gathered = write_and_tell(
        request,
        lambda: services.create_draft(request.user, muni, year),
        success=_("The %(year)s draft has been gathered.") % {"year": year},
        refused=(services.FrozenReportError, ValidationError),
    )
    return redirect("reports:detail", code, year) if gathered else redirect("reports:list", code)


def detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    report = selectors.report_for(request.user, muni, year, frozen_documents=False)
    ctx = municipality_context(
        request, muni, "reports", report=report, title=report_render.title(report.data)
    )

    def content() -> str:
        language = get_language() or "sv"
        frozen = report.html_en if language.startswith("en") else report.html_sv
        body = report_render.frozen_body(frozen) if report.is_approved else None
        if body is None:
            body = report_render.body_html(report.data, language, state=report.state)
        else:
            body = mark_safe(body)  # noqa: S308 - our own template's output, stored at approval
        return render_to_string(
            "reports/detail.html#content",
            {**ctx, "body": body, "unpublished": report_render.unpublished(report.data)},
            request,
        )

    html = cached_html(request, muni, "reports:detail", content, report.pk)
    return render(request, "reports/detail.html", {**ctx, "content": html})


@require_POST
def approve(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    report = selectors.report_for(request.user, muni, year)
    require_edit(request.user, muni)
    write_and_tell(
        request,
        lambda: services.approve(request.user, report),
        success=_("The report is approved and frozen."),
        refused=services.FrozenReportError,
    )
    return redirect("reports:detail", code, year)


@require_POST
def publish(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    report = selectors.report_for(request.user, muni, year)
    require_edit(request.user, muni)
    published = request.POST.get("publish") != "0"
    write_and_tell(
        request,
        lambda: services.publish(request.user, report, published=published),
        success=_("The report's publication has been updated."),
        refused=services.FrozenReportError,
    )
    return redirect("reports:detail", code, year)


def download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    muni = municipality_by_code(code)
    report = selectors.report_for(request.user, muni, year)
    if fmt not in selectors.FORMATS:
        return HttpResponse(status=404)
    language = request.GET.get("lang") or get_language() or "sv"
    out = selectors.output(report, fmt, language)
    response = HttpResponse(out.content, content_type=out.content_type)
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{out.filename}"'
        return response
    # The print HTML carries its own <style> block (the same page WeasyPrint turns into the PDF).
    return allow_own_styles(response)


@require_POST
def render_in_background(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """An editor's PDF or DOCX made by the task worker; the job page offers it when ready."""
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    selectors.report_for(request.user, muni, year)  # 404 before any job for a missing report
    fmt = request.POST.get("format", "pdf")
    if fmt not in ("pdf", "docx"):
        return HttpResponse(status=404)
    language = "en" if request.POST.get("lang", "").startswith("en") else "sv"
    job = jobs.start(request.user, muni, Job.Kind.REPORT)
    result = tasks.render_report.enqueue(job.pk, year, fmt, language)
    jobs.set_task(job, str(result.id))
    return redirect("jobs:detail", code, job.pk)
