"""Grants in the JSON API, mounted by klimatkontrakt.api at /api/grants/. Reads are the
portfolio's public figures (the same function as the page and `klimatkontrakt portfolio`);
reviewing a name match and linking a grant to a measure need an editor session."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.security import django_auth

from klimatkontrakt.funding.selectors import grants as selectors
from klimatkontrakt.funding.services import grants as services
from klimatkontrakt.investments.selectors import measures_of_municipality
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.api_schemas import Error, Id, Limit, Offset, Year

router = Router(tags=["funding"])


class GrantOut(Schema):
    id: int
    funder: str
    reference: str
    title: str
    recipient: str
    org_number: str
    recipient_kind: str
    role: str
    year: int
    amount_sek: float
    programme: str
    categories: str
    match: str
    source: str
    fetched_on: str
    example_data: bool


def _grant(g: Any) -> dict[str, Any]:
    return {
        "id": g.pk,
        "funder": g.funder_name,
        "reference": g.reference,
        "title": g.title,
        "recipient": g.recipient_name,
        "org_number": g.recipient_org_number,
        "recipient_kind": g.recipient_kind,
        "role": g.role,
        "year": g.year,
        "amount_sek": float(g.amount_sek),
        "programme": g.programme,
        "categories": g.categories,
        "match": g.match,
        "source": g.source_name,
        "fetched_on": g.fetched_on.isoformat(),
        "example_data": g.is_example,
    }


class NationalGrantFilter(Schema):
    year: Year | None = None


@router.get("/national", response=dict[str, Any])
def national(request: HttpRequest, filters: Query[NationalGrantFilter]) -> dict[str, Any]:
    """Every contract city's grants side by side: totals, per resident, by funder and year."""
    n = selectors.national_portfolio(filters.year)
    return {
        "cities": n.cities,
        "funders": n.funders,
        "years": n.years,
        "klimatklivet_outside_cities": selectors.unplaced_by_county(),
    }


@router.get("/{code}/portfolio", response=dict[str, Any])
def portfolio(request: HttpRequest, code: str) -> dict[str, Any]:
    """As `klimatkontrakt portfolio --municipality CODE --format json`."""
    return selectors.portfolio(municipality_by_code(code)).json()


class GrantFilter(Schema):
    year: Year | None = None
    funder: str | None = None
    limit: Limit = 100
    offset: Offset = 0


@router.get("/{code}/", response=list[GrantOut])
def grants(request: HttpRequest, code: str, filters: Query[GrantFilter]) -> list[dict[str, Any]]:
    """The grants counted in the city's portfolio, newest year first."""
    found = selectors.counted(municipality_by_code(code))
    if filters.year is not None:
        found = found.filter(year=filters.year)
    if filters.funder:
        found = found.filter(funder_name__iexact=filters.funder[:200])
    return [_grant(g) for g in found[filters.offset : filters.offset + filters.limit]]


class GrantReviewIn(Schema):
    decision: Literal["accept", "reject"]


@router.post(
    "/{code}/{grant_id}/review",
    auth=django_auth,
    response={200: GrantOut, 403: Error, 404: Error, 422: Error},
)
def review(request: HttpRequest, code: str, grant_id: Id, payload: GrantReviewIn) -> Any:
    """Accept or reject a grant matched to the city by name."""
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    grant = selectors.grant_of(muni, grant_id, request.user)
    return _grant(services.review_grant(request.user, grant, payload.decision == "accept"))


class GrantLinkIn(Schema):
    measure_id: Id


class GrantLinkOut(Schema):
    measure_id: int
    years: list[int]


@router.post(
    "/{code}/{grant_id}/measures",
    auth=django_auth,
    response={200: GrantLinkOut, 403: Error, 404: Error, 422: Error},
)
def link(request: HttpRequest, code: str, grant_id: Id, payload: GrantLinkIn) -> Any:
    """Link the grant (each year of it) to a measure of the city: its funding, state granted."""
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    grant = selectors.grant_of(muni, grant_id, request.user)
    measure = measures_of_municipality(muni).filter(pk=payload.measure_id).first()
    if measure is None:
        raise ValidationError({"measure_id": "No such measure in this municipality"})
    links = services.link_measure(request.user, grant, measure)
    return {"measure_id": measure.pk, "years": sorted(link.grant.year for link in links)}
