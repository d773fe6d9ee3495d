"""Reads of follow-up reports and their outputs (HTML, DOCX, PDF) in a language, and each
municipality's headline summary (start page, the report's first page and the API)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404

from klimatkontrakt.contracts import selectors as contracts
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.indicators import selectors as indicators
from klimatkontrakt.organisations.access import (
    can_view_unpublished,
    is_national_staff,
    published_or_shared,
)
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.sharing import is_shared_only
from klimatkontrakt.plans import selectors as plans
from klimatkontrakt.reports import render
from klimatkontrakt.reports.models import FollowUpReport
from klimatkontrakt.web.modules import link_url, municipality_modules

FORMATS = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def visible_reports(user: Any, municipality: Municipality) -> QuerySet[FollowUpReport]:
    qs = FollowUpReport.objects.filter(municipality=municipality).select_related("municipality")
    return qs.filter(published_or_shared(user, municipality)).order_by("-year")


def report_for(
    user: Any, municipality: Municipality, year: int, *, frozen_documents: bool = True
) -> FollowUpReport:
    """The report of `year` this reader may see; without `frozen_documents` its two frozen
    documents (about 1 MB each) load only when read, e.g. when the page's content is not cached."""
    reports = visible_reports(user, municipality)
    if not frozen_documents:
        reports = reports.defer("html_sv", "html_en")
    report = reports.filter(year=year).first()
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


# ---- the headline summary ---------------------------------------------------------------------

CHANGE_BASE_YEARS = (1990, 2015)
FOOTPRINT_APP = "klimatkontrakt.footprint"


@dataclass(frozen=True)
class Provenance:
    """Where a figure comes from: its page, the source, the source's release and the method
    (a key the pages put in words: `reports.templatetags.headline.METHODS`)."""

    url: str
    source: str
    release: str
    method: str
    # The figure counts an item the city shared with the programme office and the agencies
    # but has not published: marked "Shared, not published" for such a reader.
    shared: bool = False


@dataclass(frozen=True)
class EmissionsHeadline:
    gas: str  # GGT (greenhouse gases, t CO2e) when held, else CO2
    unit: str
    year: int
    total_t: float
    change_since_1990_pct: float | None
    change_since_2015_pct: float | None
    provenance: Provenance


@dataclass(frozen=True)
class BudgetHeadline:
    method: str  # the municipality's adopted budget ("fixed") or the national default
    adopted_name: str  # the adopted budget's name; "" for the national default
    unit: str
    start_year: int
    budget_t: float  # negative: spent, more emitted than the budget since start_year
    required_reduction_pct: float | None
    runs_out: str | None  # ISO date on the trend
    state: str  # emissions.selectors.budget_state
    provenance: Provenance


@dataclass(frozen=True)
class FootprintHeadline:
    year: int  # one complete year, never a sum over years
    total_t: float
    department: str
    department_t: float
    ledger: str
    example_data: bool
    provenance: Provenance


@dataclass(frozen=True)
class ContractHeadline:
    year: int
    signed: bool
    provenance: Provenance


@dataclass(frozen=True)
class ActionsHeadline:
    on_track: int
    off_track: int
    closed: int
    provenance: Provenance


@dataclass(frozen=True)
class IndicatorsHeadline:
    on_track: int
    at_risk: int
    off_track: int
    not_assessed: int
    provenance: Provenance


@dataclass(frozen=True)
class HeadlineSummary:
    """A municipality's headline figures, computed once here for every place that shows them;
    a part is None when its data is missing or not visible to the reader."""

    municipality: str
    name: str
    as_of: str  # ISO date the summary was computed
    year: int | None  # the report year it is limited to; None: the latest data
    emissions: EmissionsHeadline | None
    budget: BudgetHeadline | None
    footprint: FootprintHeadline | None
    contract: ContractHeadline | None
    actions: ActionsHeadline | None
    indicators: IndicatorsHeadline | None


# Summaries already computed inside a `summaries_computed_once` block, by (municipality,
# reader, year); the reader object is kept with its summary so that its id stays its own.
_computed: ContextVar[dict[tuple[int, int, int | None], tuple[Any, HeadlineSummary]] | None] = (
    ContextVar("headline_summaries", default=None)
)


@contextmanager
def summaries_computed_once() -> Iterator[None]:
    """Within the block, `headline_summary` computes each municipality's summary for a reader
    and year once and hands the same one to every later caller (the national report gathers a
    city's summary for its cross-city row and again for the city's page). Outside any block
    every call computes afresh."""
    token = _computed.set({})
    try:
        yield
    finally:
        _computed.reset(token)


def headline_summary(
    municipality: Municipality, reader: Any, year: int | None = None
) -> HeadlineSummary:
    """The summary as `reader` may see it (anonymous: published data only); `year` limits it
    to what a report of that year covers and counts the carbon budget from that year."""
    computed = _computed.get()
    if computed is None:
        return _headline_summary(municipality, reader, year)
    key = (municipality.pk, id(reader), year)
    if key not in computed:
        computed[key] = (reader, _headline_summary(municipality, reader, year))
    return computed[key][1]


def _headline_summary(municipality: Municipality, reader: Any, year: int | None) -> HeadlineSummary:
    links = {m.key: url for m, url in municipality_modules(municipality)}
    gas = emissions.headline_gas()
    return HeadlineSummary(
        municipality=municipality.code,
        name=municipality.display_name,
        as_of=date.today().isoformat(),
        year=year,
        emissions=_emissions_headline(municipality, gas, year, links) if gas else None,
        budget=_budget_headline(municipality, reader, gas, year, links) if gas else None,
        footprint=_footprint_headline(municipality, reader, year, links),
        contract=_contract_headline(municipality, reader, year),
        actions=_actions_headline(municipality, reader, links),
        indicators=_indicators_headline(municipality, reader, links),
    )


def summary_json(summary: HeadlineSummary) -> dict[str, Any]:
    """The summary as plain JSON: what the API answers and the report freezes."""
    return asdict(summary)


def _shared(muni: Municipality, reader: Any, items: Any, published: str = "is_published") -> bool:
    """Does a figure `reader` sees count an item shared but not published? Marked for the
    staff of the programme office and the agencies only: the city's own members see its drafts
    too (each item's page says what is public), and a follow-up report, which reads the items
    marked "include in report", freezes no mark into what it publishes."""
    if not is_national_staff(reader) or can_view_unpublished(reader, muni):
        return False
    return any(is_shared_only(item, published) for item in items)


def _emissions_url(links: dict[str, str], gas: str, year: int | None, method: str = "") -> str:
    url = links.get("emissions", "")
    if not url:
        return ""
    query = f"?gas={gas}" + (f"&method={method}" if method else "")
    return url + query + (f"&year={year}" if year else "")


def _release(release: Any) -> str:
    return f"{release.report_name}, {release.release_date.isoformat()}"


def _emissions_headline(
    muni: Municipality, gas: str, year: int | None, links: dict[str, str]
) -> EmissionsHeadline | None:
    found = emissions.inventory_figures(muni, gas)
    if found is None:
        return None
    totals = {y: v for y, v in found.totals.items() if year is None or y <= year}
    if not totals:
        return None
    latest = max(totals)

    def change(base: int) -> float | None:
        before = totals.get(base)
        return 100 * (totals[latest] - before) / before if before else None

    return EmissionsHeadline(
        gas=gas,
        unit=emissions.unit_of(found.release),
        year=latest,
        total_t=totals[latest],
        change_since_1990_pct=change(1990),
        change_since_2015_pct=change(2015),
        provenance=Provenance(
            url=_emissions_url(links, gas, year) + "#history",
            source=f"SMHI Nationella emissionsdatabasen ({found.release.file_name})",
            release=_release(found.release),
            method="inventory-total",
        ),
    )


def _budget_headline(
    muni: Municipality, reader: Any, gas: str, year: int | None, links: dict[str, str]
) -> BudgetHeadline | None:
    adopted = emissions.adopted_budget(reader, muni, gas)
    method = emissions.ADOPTED_METHOD if adopted else emissions.DEFAULT_METHOD
    try:
        figures = emissions.municipality_budget(
            muni, method=method, gas=gas, current_year=year, user=reader
        )
    except (emissions.NoRelease, ValueError, KeyError):
        return None
    release = emissions.current_release(gas)
    return BudgetHeadline(
        method=method,
        adopted_name=adopted.name if adopted else "",
        unit=figures["unit"],
        start_year=figures["budget_start_year"],
        budget_t=figures["budget_t"],
        required_reduction_pct=figures["required_reduction_pct"],
        runs_out=figures["budget_runs_out"],
        state=figures["state"],
        provenance=Provenance(
            url=_emissions_url(links, gas, year, method) + "#key-figures",
            source=f"SMHI Nationella emissionsdatabasen ({release.file_name})",
            release=_release(release),
            method=method,
            shared=_shared(muni, reader, [adopted] if adopted else []),
        ),
    )


def _footprint_headline(
    muni: Municipality, reader: Any, year: int | None, links: dict[str, str]
) -> FootprintHeadline | None:
    if not apps.is_installed(FOOTPRINT_APP):
        return None
    from klimatkontrakt.footprint import selectors as footprint

    ledger = footprint.current_ledger(reader, muni)
    if ledger is None:
        return None
    found = footprint.latest_complete_year(ledger, year)
    if found is None:
        return None
    factors = ledger.factor_set.name if ledger.factor_set else "standard"
    return FootprintHeadline(
        year=found.year,
        total_t=found.total_t,
        department=found.department,
        department_t=found.department_t,
        ledger=ledger.name,
        example_data=ledger.example_data,
        provenance=Provenance(
            url=links.get("footprint", ""),
            source=f"{ledger.name}; {factors}",
            release=ledger.updated.date().isoformat(),
            method="spend-based",
            shared=_shared(muni, reader, [ledger], "published"),
        ),
    )


def _contract_headline(
    muni: Municipality, reader: Any, year: int | None
) -> ContractHeadline | None:
    versions = contracts.visible_versions(reader, muni)
    if year is not None:
        versions = versions.filter(year__lte=year)
    version = versions.last()
    if version is None:
        return None
    signed = version.signed_at.date().isoformat() if version.signed_at else ""
    return ContractHeadline(
        year=version.year,
        signed=version.is_signed,
        provenance=Provenance(
            url=link_url("contract_version", muni.code, version.year),
            source=f"Klimatkontrakt 2030, {muni.display_name}",
            release=signed or str(version.year),
            method="contract-version",
            shared=_shared(muni, reader, [version]),
        ),
    )


def _actions_headline(
    muni: Municipality, reader: Any, links: dict[str, str]
) -> ActionsHeadline | None:
    tracking = plans.action_tracking(reader, muni)
    if not tracking.total:
        return None
    shown = list(plans.visible_plans(reader, muni))
    titles = [p.title for p in shown]
    return ActionsHeadline(
        on_track=tracking.on_track,
        off_track=tracking.off_track,
        closed=tracking.closed,
        provenance=Provenance(
            url=links.get("action_plans", ""),
            source="; ".join(titles),
            release=date.today().isoformat(),
            method="action-tracking",
            shared=_shared(muni, reader, shown),
        ),
    )


def _indicators_headline(
    muni: Municipality, reader: Any, links: dict[str, str]
) -> IndicatorsHeadline | None:
    found = list(indicators.visible_indicators(reader, muni))
    if not found:
        return None
    statuses = Counter(str(indicators.summarise(i).assessment.status) for i in found)
    assessed = statuses["on_track"] + statuses["at_risk"] + statuses["off_track"]
    return IndicatorsHeadline(
        on_track=statuses["on_track"],
        at_risk=statuses["at_risk"],
        off_track=statuses["off_track"],
        not_assessed=len(found) - assessed,
        provenance=Provenance(
            url=links.get("indicators", ""),
            source="; ".join(i.name for i in found),
            release=date.today().isoformat(),
            method="indicator-trend",
            shared=_shared(muni, reader, found),
        ),
    )
