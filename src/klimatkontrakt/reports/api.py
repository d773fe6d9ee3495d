"""Follow-up reports in the JSON API: list, the gathered data, and the draft → approved → published
lifecycle. Downloads of HTML/DOCX/PDF are on the pages (…/uppfoljning/<year>/rapport.<format>)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.reports import selectors, services
from klimatkontrakt.reports.models import FollowUpReport
from klimatkontrakt.web.api_schemas import Error, Year

router = Router(tags=["reports"])


class ReportSummary(Schema):
    municipality: str
    year: int
    state: str
    is_published: bool
    shared_with_programme: bool
    gathered_at: datetime
    approved_at: datetime | None


class ReportOut(ReportSummary):
    data: dict[str, Any]


def _summary(r: FollowUpReport) -> dict[str, Any]:
    return {
        "municipality": r.municipality.code,
        "year": r.year,
        "state": r.state,
        "is_published": r.is_published,
        "shared_with_programme": r.shared_with_programme,
        "gathered_at": r.gathered_at,
        "approved_at": r.approved_at,
    }


@router.get("/", response=list[ReportSummary])
def list_reports(request: HttpRequest, municipality: str) -> Any:
    muni = municipality_by_code(municipality)
    return [_summary(r) for r in selectors.visible_reports(request.user, muni)]


@router.get("/{code}/{year}", response=ReportOut)
def get_report(request: HttpRequest, code: str, year: Year) -> Any:
    r = selectors.report_for(request.user, municipality_by_code(code), year)
    return {**_summary(r), "data": r.data}


@router.post(
    "/{code}/{year}", auth=django_auth, response={201: ReportSummary, 403: Error, 409: Error}
)
def create_draft(request: HttpRequest, code: str, year: Year) -> Any:
    """Gather the year's figures into a draft (or refresh the draft)."""
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    try:
        r = services.create_draft(request.user, muni, year)
    except services.FrozenReportError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _summary(r))


@router.post(
    "/{code}/{year}/approve",
    auth=django_auth,
    response={200: ReportSummary, 403: Error, 409: Error},
)
def approve(request: HttpRequest, code: str, year: Year) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    try:
        r = services.approve(request.user, selectors.report_for(request.user, muni, year))
    except services.FrozenReportError as exc:
        return Status(409, {"detail": str(exc)})
    return _summary(r)


@router.post(
    "/{code}/{year}/publish",
    auth=django_auth,
    response={200: ReportSummary, 403: Error, 409: Error},
)
def publish(request: HttpRequest, code: str, year: Year) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    try:
        r = services.publish(request.user, selectors.report_for(request.user, muni, year))
    except services.FrozenReportError as exc:
        return Status(409, {"detail": str(exc)})
    return _summary(r)


# ---- /api/municipalities/{code}/summary: the headline figures of the start page and report ----

summary_router = Router(tags=["municipalities"])


class SummaryProvenance(Schema):
    url: str
    source: str
    release: str
    method: str
    # The figure counts an item shared with the programme office and the agencies, not
    # published (for programme and agency staff only; see docs/national.md, "Access").
    shared: bool = False


class SummaryEmissions(Schema):
    gas: str
    unit: str
    year: int
    total_t: float
    change_since_1990_pct: float | None
    change_since_2015_pct: float | None
    provenance: SummaryProvenance


class SummaryBudget(Schema):
    method: str
    adopted_name: str
    unit: str
    start_year: int
    budget_t: float
    required_reduction_pct: float | None
    runs_out: str | None
    state: str
    provenance: SummaryProvenance


class SummaryFootprint(Schema):
    year: int
    total_t: float
    department: str
    department_t: float
    ledger: str
    example_data: bool
    provenance: SummaryProvenance


class SummaryContract(Schema):
    year: int
    signed: bool
    provenance: SummaryProvenance


class SummaryActions(Schema):
    on_track: int
    off_track: int
    closed: int
    provenance: SummaryProvenance


class SummaryIndicators(Schema):
    on_track: int
    at_risk: int
    off_track: int
    not_assessed: int
    provenance: SummaryProvenance


class MunicipalitySummary(Schema):
    """`reports.selectors.headline_summary`; a part is null when its data is missing or not
    published. Budget `state`: remains, ran_out (the run-out date has passed) or spent
    (`budget_t` <= 0: more emitted than the budget since its start)."""

    municipality: str
    name: str
    as_of: str
    year: int | None
    emissions: SummaryEmissions | None
    budget: SummaryBudget | None
    footprint: SummaryFootprint | None
    contract: SummaryContract | None
    actions: SummaryActions | None
    indicators: SummaryIndicators | None


@summary_router.get("/{code}/summary", response={200: MunicipalitySummary, 404: Error})
def municipality_summary(request: HttpRequest, code: str) -> Any:
    """The municipality's headline figures, as its start page shows them to this user."""
    muni = municipality_by_code(code)
    return selectors.summary_json(selectors.headline_summary(muni, request.user))
