"""Emissions in the JSON API: releases, a municipality's history, budget, comparison and goals.
SMHI's figures are public; goals and adopted budgets follow the municipality's publication."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from klimatkontrakt.calc.budgets import METHODS
from klimatkontrakt.emissions import selectors, services, tables
from klimatkontrakt.emissions.models import CarbonBudget, Goal
from klimatkontrakt.emissions.selectors import END_YEAR
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.api_schemas import YEAR_MIN, Amount, Share, Tonnes, Year

router = Router(tags=["emissions"])


class ReleaseOut(Schema):
    gas: str
    gas_name: str
    unit: str
    release_date: str
    report_name: str
    file_name: str
    sha256: str
    is_current: bool
    years: list[int]
    discrepancies: int


class MethodOut(Schema):
    name: str
    title: str
    description: str
    parameters: dict[str, Any]


class GoalIn(Schema):
    name: str = Field(..., max_length=200)
    target_year: Year
    level_t: Tonnes | None = None
    share_of_base: Share | None = None
    base_year: Year | None = None
    scope: str = Field("territorial", max_length=20)
    gas: str = Field("GGT", max_length=10)
    is_published: bool = False
    shared_with_programme: bool = Field(
        False, description="unpublished, but readable by the programme office and the agencies"
    )


class CarbonBudgetIn(Schema):  # lengths as the model's columns (PostgreSQL refuses longer)
    name: str = Field(..., max_length=200)
    method: str = Field(..., max_length=40)
    gas: str = Field("CO2", max_length=10)
    parameters: dict[str, Any] = Field(
        {},
        description="the method's parameters (GET /api/emissions/methods): true/false, a year "
        "from 1900 to 2100, or a finite number",
    )
    is_published: bool = False
    shared_with_programme: bool = Field(
        False, description="unpublished, but readable by the programme office and the agencies"
    )


class CarbonBudgetOut(Schema):
    id: int
    name: str
    method: str
    gas: str
    parameters: dict[str, Any]
    is_published: bool
    shared_with_programme: bool


class GoalOut(Schema):
    id: int
    name: str
    target_year: int
    level_t: float | None
    share_of_base: float | None
    base_year: int | None
    scope: str
    gas: str
    is_published: bool
    shared_with_programme: bool


def _release(gas: str) -> Any:
    try:
        return selectors.current_release(gas)
    except selectors.NoRelease as exc:
        raise HttpError(404, str(exc)) from exc


# Checked by emissions.selectors (2000 to END_YEAR - 1) with a message naming the range
CurrentYear = Annotated[
    int | None, Query(description=f"the year the budget is counted from, 2000 to {END_YEAR - 1}")
]


# A budget's start or trend year: the path runs from it to END_YEAR, so it must end before
BudgetYear = Annotated[int, Field(ge=YEAR_MIN, le=END_YEAR - 1)]


def _parameter_type(default: Any) -> Any:
    if isinstance(default, bool):
        return bool
    if isinstance(default, int):
        return BudgetYear
    return Amount if isinstance(default, float) else Any


def _parameters(method: str, given: dict[str, Any]) -> dict[str, Any]:
    """A method's parameters with the type of their default: yes/no, a year within the
    documented range, or a finite number (Amount). Unknown names are left to the service,
    which names them in its 422."""
    defaults = METHODS[_method(method)].parameters()
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    for name, value in given.items():
        kind = _parameter_type(defaults.get(name, value))
        try:
            out[name] = TypeAdapter(kind).validate_python(
                value, strict=kind is bool
            )  # no 1 for true
        except PydanticError as exc:
            errors[f"parameters.{name}"] = [e["msg"] for e in exc.errors()]
    if errors:
        raise ValidationError(errors)
    return out


def _method(method: str) -> str:
    if method not in METHODS:
        raise HttpError(422, f"unknown method {method!r}; choose one of {sorted(METHODS)}")
    return method


@router.get("/releases", response=list[ReleaseOut])
def releases(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "gas": r.gas,
            "gas_name": r.gas_name,
            "unit": r.unit,
            "release_date": r.release_date.isoformat(),
            "report_name": r.report_name,
            "file_name": r.file_name,
            "sha256": r.sha256,
            "is_current": r.is_current,
            "years": r.years,
            "discrepancies": len(r.discrepancies),
        }
        for r in selectors.releases()
    ]


@router.get("/methods", response=list[MethodOut])
def methods(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "name": m.name,
            "title": m.title,
            "description": m.description,
            "parameters": m.parameters(),
        }
        for m in METHODS.values()
    ]


@router.get("/budgets")
def all_budgets(
    request: HttpRequest,
    method: str = selectors.DEFAULT_METHOD,
    gas: str = "CO2",
    current_year: CurrentYear = None,
) -> list[dict[str, Any]]:
    _release(gas)
    try:
        return selectors.all_budgets(method=_method(method), gas=gas, current_year=current_year)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc


def _table(key: str, code: str, request: HttpRequest, gas: str, method: str) -> dict[str, Any]:
    muni = municipality_by_code(code)
    release = _release(gas)
    table = tables.table(key, release, muni, request.user, _method(method), None)
    if table is None:
        raise HttpError(404, f"no {key} data for {code}")
    return {
        "municipality": muni.code,
        "title": table.title,
        "source": selectors.source_of(release),
        "columns": [k for k, _ in table.columns],
        "rows": table.rows,
    }


@router.get("/{code}/history")
def history(request: HttpRequest, code: str, gas: str = "CO2") -> dict[str, Any]:
    return _table("history", code, request, gas, selectors.DEFAULT_METHOD)


@router.get("/{code}/comparison")
def comparison(request: HttpRequest, code: str, gas: str = "CO2") -> dict[str, Any]:
    return _table("comparison", code, request, gas, selectors.DEFAULT_METHOD)


@router.get("/{code}/gap")
def gap(request: HttpRequest, code: str, gas: str = "GGT") -> dict[str, Any]:
    return _table("gap", code, request, gas, selectors.DEFAULT_METHOD)


@router.get("/{code}/budget")
def budget(
    request: HttpRequest,
    code: str,
    method: str = selectors.DEFAULT_METHOD,
    gas: str = "CO2",
    current_year: CurrentYear = None,
) -> dict[str, Any]:
    muni = municipality_by_code(code)
    _release(gas)
    try:
        return selectors.municipality_budget(
            muni, method=_method(method), gas=gas, current_year=current_year, user=request.user
        )
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc


@router.get("/{code}/goals", response=list[GoalOut])
def goals(request: HttpRequest, code: str) -> list[Goal]:
    return list(selectors.goals(request.user, municipality_by_code(code)))


@router.post("/{code}/goals", response={201: GoalOut}, auth=django_auth)
def create_goal(request: HttpRequest, code: str, payload: GoalIn) -> Status[Goal]:
    muni = municipality_by_code(code)
    try:
        goal = services.save_goal(request.user, muni, **payload.dict())
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(201, goal)


@router.get("/{code}/carbon-budgets", response=list[CarbonBudgetOut])
def carbon_budgets(request: HttpRequest, code: str) -> list[CarbonBudget]:
    muni = municipality_by_code(code)
    return list(selectors.visible(request.user, muni, CarbonBudget.objects.all()))


@router.post("/{code}/carbon-budgets", response={201: CarbonBudgetOut}, auth=django_auth)
def create_carbon_budget(
    request: HttpRequest, code: str, payload: CarbonBudgetIn
) -> Status[CarbonBudget]:
    muni = municipality_by_code(code)
    fields = payload.dict()
    fields["parameters"] = _parameters(payload.method, payload.parameters)
    try:
        budget = services.save_carbon_budget(request.user, muni, **fields)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(201, budget)
