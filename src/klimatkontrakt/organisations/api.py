from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.organisations import selectors, sharing
from klimatkontrakt.web.api_schemas import Error, Id

router = Router(tags=["organisations"])


class CountyOut(Schema):
    code: str
    name: str


class MunicipalityOut(Schema):
    code: str
    name: str
    county_code: str
    in_climate_contract: bool


class DepartmentOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str


@router.get("/counties", response=list[CountyOut])
def list_counties(request: HttpRequest) -> list[CountyOut]:
    return [CountyOut(code=c.code, name=c.name) for c in selectors.counties()]


@router.get("/municipalities", response=list[MunicipalityOut])
def list_municipalities(request: HttpRequest, contract_only: bool = False) -> list[MunicipalityOut]:
    qs = selectors.contract_municipalities() if contract_only else selectors.municipalities()
    return [
        MunicipalityOut(
            code=m.code,
            name=m.name,
            county_code=m.county.code,
            in_climate_contract=m.in_climate_contract,
        )
        for m in qs
    ]


@router.get("/municipalities/{code}/departments", response=list[DepartmentOut])
def list_departments(request: HttpRequest, code: str) -> list[DepartmentOut]:
    muni = selectors.municipality_by_code(code)
    return [
        DepartmentOut(id=d.pk, name=d.name, short_name=d.short_name, kind=d.kind)
        for d in muni.departments.all()
    ]


class VisibilityIn(Schema):
    visibility: Literal["private", "shared", "public"]


class VisibilityOut(Schema):
    kind: str
    id: int
    visibility: str
    is_published: bool
    shared_with_programme: bool


@router.put(
    "/municipalities/{code}/visibility/{kind}/{pk}",
    auth=django_auth,
    response={200: VisibilityOut, 403: Error, 409: Error},
)
def set_visibility(
    request: HttpRequest, code: str, kind: str, pk: Id, payload: VisibilityIn
) -> Any:
    """Set an item's visibility: `private` (the municipality's users), `shared` (also the staff
    of the programme office and the agencies) or `public`. Kinds: contract_version,
    carbon_budget, emission_goal, goal_team, indicator, investment_plan, action_plan, ledger,
    follow_up_report. Editors and admins of the municipality only."""
    muni = selectors.municipality_by_code(code)
    try:
        item = sharing.set_visibility(request.user, muni, kind, pk, payload.visibility)
    except sharing.SharingRefused as exc:
        return Status(409, {"detail": str(exc)})
    published = sharing.kind_of(kind).published  # type: ignore[union-attr]
    return {
        "kind": kind,
        "id": item.pk,
        "visibility": sharing.visibility_of(item, published).value,
        "is_published": getattr(item, published),
        "shared_with_programme": item.shared_with_programme,
    }
