"""Reads of follow-up reports and their outputs (HTML, DOCX, PDF) in a language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from klimatkontrakt.organisations.access import can_view_unpublished
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.reports import render
from klimatkontrakt.reports.models import FollowUpReport

FORMATS = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def visible_reports(user: Any, municipality: Municipality) -> QuerySet[FollowUpReport]:
    qs = FollowUpReport.objects.filter(municipality=municipality).select_related("municipality")
    if not can_view_unpublished(user, municipality):
        qs = qs.filter(is_published=True)
    return qs.order_by("-year")


def report_for(user: Any, municipality: Municipality, year: int) -> FollowUpReport:
    report = visible_reports(user, municipality).filter(year=year).first()
    if report is None:
        raise Http404("No such follow-up report")
    return report


@dataclass(frozen=True)
class Output:
    content: bytes
    content_type: str
    filename: str


def render_output(
    data: dict[str, Any], fmt: str, language: str, *, state: str, html: str = ""
) -> Output:
    """The report in a format; `html` is the frozen print HTML when there is one."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose html, docx or pdf")
    name = f"uppfoljning-{data['municipality']['code']}-{data['year']}-{language}.{fmt}"
    if fmt == "docx":
        content = render.docx(data, language, state=state)
    else:
        page = html or render.print_html(data, language, state=state)
        content = page.encode() if fmt == "html" else render.pdf(page)
    return Output(content, FORMATS[fmt], name)


def output(report: FollowUpReport, fmt: str, language: str = "sv") -> Output:
    """An approved report renders from its frozen snapshot only."""
    language = "en" if language.startswith("en") else "sv"
    frozen = report.html_en if language == "en" else report.html_sv
    return render_output(
        report.data, fmt, language, state=report.state, html=frozen if report.is_approved else ""
    )
