"""Local climate contracts in the JSON API (mounted at /api/local-contracts/). Published data is
open to read; every write needs the editor role in the municipality. The public sign-up and the
signatory's report link are forms only (pages), so no API operation writes without a login."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import Field

from klimatkontrakt.engagement.models import LocalContractVersion, Signatory
from klimatkontrakt.engagement.selectors import local_contracts as selectors
from klimatkontrakt.engagement.services import local_contracts as services
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.api_schemas import (
    PAGE_SIZE_MAX,
    Error,
    Id,
    Limit,
    Offset,
    Year,
    paged,
)

router = Router(tags=["local climate contracts"])

Text = Annotated[str, Field(max_length=20000)]
Short = Annotated[str, Field(max_length=200)]


class LocalVersionOut(Schema):
    number: int
    title: str
    text: str
    state: str
    published_at: str | None


class StandardPledgeOut(Schema):
    id: int
    title: str
    description: str
    sector: str
    unit: str
    default_t_per_unit: float | None
    default_source: str
    is_active: bool


class LocalContractOut(Schema):
    municipality: str
    min_pledges: int
    roadmap_instead: bool
    version: LocalVersionOut | None
    catalogue: list[StandardPledgeOut]


class PledgeReportOut(Schema):
    year: int
    status: str
    what_was_done: str
    estimated_t: float | None
    from_default: bool


class LocalPledgeOut(Schema):
    id: int
    title: str
    sector: str
    unit: str
    baseline_year: int
    baseline_value: float
    target_value: float
    target_year: int
    commitment_ids: list[int]
    action_ids: list[int]
    reports: list[PledgeReportOut]


class SignatoryOut(Schema):
    id: int
    name: str
    roadmap: str
    is_example: bool
    pledges: list[LocalPledgeOut]


class LocalTotalsQuery(Schema):
    year: Year | None = None


class LocalVersionIn(Schema):
    title: Short
    text: Text


class StandardPledgeIn(Schema):
    title: Short
    sector: str = Field(description="one of SMHI's main sectors, as in the emissions API")
    unit: Annotated[str, Field(max_length=40)]
    description: Annotated[str, Field(max_length=2000)] = ""
    default_t_per_unit: Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)] | None = None
    default_source: Annotated[str, Field(max_length=300)] = ""
    is_active: bool = True


class SignatoryDecisionIn(Schema):
    approve: bool


class PledgeLinksIn(Schema):
    commitment_ids: Annotated[list[Id], Field(max_length=1000)] = []
    action_ids: Annotated[list[Id], Field(max_length=1000)] = []


def _version(v: LocalContractVersion | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {
        "number": v.number,
        "title": v.title,
        "text": v.text,
        "state": v.state,
        "published_at": v.published_at.isoformat() if v.published_at else None,
    }


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _pledge(p: Any, *, public: bool = True) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "sector": p.sector,
        "unit": p.unit,
        "baseline_year": p.baseline_year,
        "baseline_value": float(p.baseline_value),
        "target_value": float(p.target_value),
        "target_year": p.target_year,
        # The public sees links to commitments of published versions and published plans only.
        "commitment_ids": [
            c.pk for c in p.commitments.all() if c.version.is_published or not public
        ],
        "action_ids": [a.pk for a in p.actions.all() if a.plan.is_published or not public],
        "reports": [
            {
                "year": r.year,
                "status": r.status,
                "what_was_done": r.what_was_done,
                "estimated_t": _f(r.estimated_t),
                "from_default": r.from_default,
            }
            for r in p.reports.all()
        ],
    }


def _signatory(s: Signatory) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "roadmap": s.roadmap,
        "is_example": s.is_example,
        "pledges": [_pledge(p) for p in s.pledges.all()],
    }


def _standard(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "description": p.description,
        "sector": p.sector,
        "unit": p.unit,
        "default_t_per_unit": _f(p.default_t_per_unit),
        "default_source": p.default_source,
        "is_active": p.is_active,
    }


@router.get(
    "/{code}", response={200: LocalContractOut, 404: Error}, summary="The published contract"
)
def get_contract(request: HttpRequest, code: str) -> Any:
    muni = municipality_by_code(code)
    contract = selectors.contract_for(muni)
    version = selectors.published_version(contract)
    if contract is None or version is None:
        raise Http404("No published local contract")
    return {
        "municipality": muni.code,
        "min_pledges": contract.min_pledges,
        "roadmap_instead": contract.roadmap_instead,
        "version": _version(version),
        "catalogue": [_standard(p) for p in selectors.catalogue(contract)],
    }


@router.get("/{code}/totals", response={200: dict[str, Any], 404: Error, 422: Error})
def totals(request: HttpRequest, code: str, query: Query[LocalTotalsQuery]) -> Any:
    """Signatories by kind, pledges by status, reported reductions (total and by SMHI sector,
    capped at the sector's emissions) and the sectors where a municipal measure acts too: the
    same figures as `klimatkontrakt local-contracts --format json`."""
    muni = municipality_by_code(code)
    year = query.year or selectors.default_year(muni)
    return selectors.rollup_json(selectors.rollup(muni, year))


@router.get("/{code}/signatories", response={200: list[SignatoryOut], 404: Error})
def signatories(
    request: HttpRequest,
    response: HttpResponse,
    code: str,
    limit: Limit = PAGE_SIZE_MAX,
    offset: Offset = 0,
) -> Any:
    """Approved organisations that agreed to be shown, with pledges and reports; never contact
    data, never residents. By name, then id; the total in `X-Total-Count`."""
    muni = municipality_by_code(code)
    rows = paged(response, selectors.public_signatories(muni), limit, offset)
    return [_signatory(s) for s in rows]


@router.post(
    "/{code}/versions",
    auth=django_auth,
    response={201: LocalVersionOut, 403: Error, 404: Error, 422: Error},
)
def create_version(request: HttpRequest, code: str, payload: LocalVersionIn) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    v = services.create_version(request.user, muni, title=payload.title, text=payload.text)
    return Status(201, _version(v))


@router.post(
    "/{code}/versions/{number}/publish",
    auth=django_auth,
    response={200: LocalVersionOut, 403: Error, 404: Error},
)
def publish_version(
    request: HttpRequest, code: str, number: Annotated[int, Field(ge=1, le=100000)]
) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    version = selectors.version_for(request.user, muni, number)
    return _version(services.publish_version(request.user, version))


@router.post(
    "/{code}/catalogue",
    auth=django_auth,
    response={201: StandardPledgeOut, 403: Error, 404: Error, 422: Error},
)
def add_standard(request: HttpRequest, code: str, payload: StandardPledgeIn) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    fields = payload.dict()
    factor = fields.pop("default_t_per_unit")
    data = services.StandardPledgeInput(
        default_t_per_unit=None if factor is None else Decimal(str(factor)), **fields
    )
    return Status(201, _standard(services.save_standard_pledge(request.user, muni, data)))


@router.post(
    "/{code}/signatories/{pk}/decision",
    auth=django_auth,
    response={200: dict[str, str], 403: Error, 404: Error, 422: Error},
)
def decide(request: HttpRequest, code: str, pk: Id, payload: SignatoryDecisionIn) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    signatory = selectors.signatory_for(request.user, muni, pk)
    s = services.decide(request.user, signatory, approve=payload.approve)
    return {"state": s.state}


@router.put(
    "/{code}/pledges/{pk}/links",
    auth=django_auth,
    response={200: LocalPledgeOut, 403: Error, 404: Error, 422: Error},
)
def link_pledge(request: HttpRequest, code: str, pk: Id, payload: PledgeLinksIn) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    pledge = selectors.pledge_for(request.user, muni, pk)
    services.link_pledge(
        request.user,
        pledge,
        commitment_ids=list(payload.commitment_ids),
        action_ids=list(payload.action_ids),
    )
    return _pledge(pledge, public=False)
