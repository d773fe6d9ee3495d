"""Reads of the national yearly follow-up report: who sees which report, what a report gathers
(as the public reads: published data only) and its outputs (HTML, DOCX, PDF, XLSX) in a language.

Every figure comes from the function that shows it elsewhere: the cross-city table from
`national.followup.followup`, each city's page from `reports.selectors.headline_summary` (the
municipality summary of the start page and the API, computed once per city and gathering: the
cross-city row reads the same summary), the common commitments from
`contracts.common_selectors`. The aggregate emissions add up the cities' headline figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from klimatkontrakt.calc.budgets import years_of_budget
from klimatkontrakt.contracts import common_selectors
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.national import report_render as render
from klimatkontrakt.national.followup import followup
from klimatkontrakt.national.models import NationalReport
from klimatkontrakt.organisations.access import (
    can_view_national_report_drafts,
    require_national_report_edit,
)
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.organisations.selectors import contract_municipalities
from klimatkontrakt.reports import selectors as reports

FORMATS = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LANGUAGES = ("sv", "en")
YEAR_RANGE = (2000, 2100)


def valid_report_year(year: int) -> bool:
    return YEAR_RANGE[0] <= year <= YEAR_RANGE[1]


def visible_reports(user: Any) -> QuerySet[NationalReport]:
    """Published reports for everyone; drafts and unpublished ones for programme and agency
    staff."""
    qs = NationalReport.objects.order_by("-year")
    if not can_view_national_report_drafts(user):
        qs = qs.filter(is_published=True)
    return qs


def report_for(user: Any, year: int, *, frozen_documents: bool = True) -> NationalReport:
    reports_ = visible_reports(user)
    if not frozen_documents:
        reports_ = reports_.defer("html_sv", "html_en")
    report = reports_.filter(year=year).first()
    if report is None:
        raise Http404("No such national report")
    return report


def gathering_job(user: Any, pk: int) -> Job:
    """A gathering of the report in the task worker, for the programme office's editors."""
    require_national_report_edit(user)
    job = Job.objects.filter(pk=pk, municipality=None, kind=Job.Kind.NATIONAL_REPORT).first()
    if job is None:
        raise Http404("No such gathering")
    return job


# ---- gathering --------------------------------------------------------------------------------


def _commitment(c: Any, section: Any) -> dict[str, Any]:
    return {
        "section": section.key,
        "section_number": section.number,
        "section_title": section.title,
        "owner": c.owner.name,
        "owner_slug": c.owner.slug,
        "owner_kind": c.owner.kind,
        "joint": c.joint,
        "title": c.title,
        "planned_year": c.planned_year,
        "status": c.status,
        "status_changed_at": c.status_changed_at.isoformat() if c.status_changed_at else None,
    }


def _common_part(public: Any, year: int) -> dict[str, Any] | None:
    """The year's fixed common part (a draft is not public) with each commitment's current
    status, and the number of published city contracts that carry it."""
    part = common_selectors.visible_common_parts(public).filter(year=year).first()
    if part is None:
        return None
    sections = common_selectors.common_sections(part.pk)
    return {
        "year": part.year,
        "fixed_at": part.fixed_at.isoformat() if part.fixed_at else None,
        "cities_carrying": part.versions.filter(is_published=True).count(),
        "commitments": [_commitment(c, s) for s in sections for c in s.commitments.all()],
    }


def _agencies(common: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each agency with its commitments of the year's common part (the joint ones it leads)."""
    out = []
    agencies = common_selectors.national_organisations().filter(kind=Organisation.Kind.AGENCY)
    for agency in agencies:
        own = [c for c in (common or {}).get("commitments", []) if c["owner_slug"] == agency.slug]
        out.append(
            {
                "slug": agency.slug,
                "name": agency.name,
                "commitments": own,
                "status_counts": dict(sorted(Counter(c["status"] for c in own).items())),
            }
        )
    return out


def aggregate_emissions(summaries: list[dict[str, Any]], year: int) -> dict[str, Any]:
    """The contract cities' latest territorial emissions added up (the cities whose latest
    figure is of the latest year any of them has) against the sum of their remaining carbon
    budgets counted from `year` (each city's headline budget: its adopted one, else the
    default method). Cities left out of a sum are named with the reason."""
    with_emissions = [s for s in summaries if s["emissions"]]
    latest = max((s["emissions"]["year"] for s in with_emissions), default=None)
    in_emissions = [s for s in with_emissions if s["emissions"]["year"] == latest]
    in_budget = [s for s in summaries if s["budget"] and s["budget"]["start_year"] == year]
    budget_codes = {s["municipality"] for s in in_budget}
    both = [s for s in in_emissions if s["municipality"] in budget_codes]
    budget_of = {s["municipality"]: s["budget"]["budget_t"] for s in in_budget}
    emissions_t = sum(s["emissions"]["total_t"] for s in in_emissions)
    budget_t = sum(s["budget"]["budget_t"] for s in in_budget)
    both_emissions = sum(s["emissions"]["total_t"] for s in both)
    both_budget = sum(budget_of[s["municipality"]] for s in both)
    missing_emissions = [
        {
            "municipality": s["municipality"],
            "name": s["name"],
            "reason": "older_year" if s["emissions"] else "no_emissions",
            "year": s["emissions"]["year"] if s["emissions"] else None,
        }
        for s in summaries
        if s not in in_emissions
    ]
    missing_budget = [
        {"municipality": s["municipality"], "name": s["name"]}
        for s in summaries
        if s["municipality"] not in budget_codes
    ]
    first = in_emissions[0]["emissions"] if in_emissions else None
    return {
        "gas": first["gas"] if first else None,
        "unit": first["unit"] if first else None,
        "latest_year": latest,
        "emissions_t": emissions_t if in_emissions else None,
        "emissions_cities": len(in_emissions),
        "missing_emissions": missing_emissions,
        "budget_start_year": year,
        "budget_t": budget_t if in_budget else None,
        "budget_cities": len(in_budget),
        "adopted_budgets": sum(1 for s in in_budget if s["budget"]["adopted_name"]),
        "spent_budgets": [s["name"] for s in in_budget if s["budget"]["state"] == "spent"],
        "missing_budget": missing_budget,
        "both_cities": len(both),
        "both_emissions_t": both_emissions if both else None,
        "both_budget_t": both_budget if both else None,
        "years_of_budget": years_of_budget(both_budget, both_emissions) if both else None,
        "cities": [
            {
                "municipality": s["municipality"],
                "name": s["name"],
                "emissions_t": s["emissions"]["total_t"] if s["emissions"] else None,
                "emissions_year": s["emissions"]["year"] if s["emissions"] else None,
                "budget_t": s["budget"]["budget_t"] if s["budget"] else None,
                "budget_method": s["budget"]["method"] if s["budget"] else None,
                "budget_adopted": s["budget"]["adopted_name"] if s["budget"] else None,
                "budget_runs_out": s["budget"]["runs_out"] if s["budget"] else None,
            }
            for s in summaries
        ],
    }


def gather(year: int) -> dict[str, Any]:
    """Everything the report shows, read as an anonymous visitor reads it: a published report
    then shows nothing that a city (or the programme) has not published itself."""
    public = AnonymousUser()
    # Each city's headline summary is computed once: the cross-city row reads it as well.
    with reports.summaries_computed_once():
        summaries = [
            reports.summary_json(reports.headline_summary(m, public, year))
            for m in contract_municipalities()
        ]
        rows = followup(year, public)
    order = {r.municipality: i for i, r in enumerate(rows)}
    summaries.sort(key=lambda s: order.get(s["municipality"], len(order)))
    common = _common_part(public, year)
    return {
        "year": year,
        "gathered_at": timezone.now().isoformat(),
        "reader": "public",
        "cities": [asdict(r) for r in rows],
        "common_part": common,
        "agencies": _agencies(common),
        "emissions": aggregate_emissions(summaries, year),
        "summaries": summaries,
    }


# ---- outputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    content: bytes
    content_type: str
    filename: str


def language_of(value: str | None) -> str:
    return "en" if (value or "").startswith("en") else "sv"


def render_output(
    data: dict[str, Any], fmt: str, language: str, *, state: str, html: str = ""
) -> Output:
    """The report in a format; `html` is the frozen print HTML when there is one."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose html, docx, pdf or xlsx")
    language = language_of(language)
    name = f"nationell-uppfoljning-{data['year']}-{language}.{fmt}"
    if fmt == "docx":
        content = render.docx(data, language, state=state)
    elif fmt == "xlsx":
        content = render.xlsx(data, language, state=state)
    else:
        page = html or render.print_html(data, language, state=state)
        content = page.encode() if fmt == "html" else render.pdf(page)
    return Output(content, FORMATS[fmt], name)


def output(report: NationalReport, fmt: str, language: str = "sv") -> Output:
    """An approved report renders from its frozen snapshot only."""
    language = language_of(language)
    frozen = report.html_en if language == "en" else report.html_sv
    return render_output(
        report.data, fmt, language, state=report.state, html=frozen if report.is_approved else ""
    )
