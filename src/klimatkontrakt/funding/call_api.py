"""Calls for funding in the JSON API, mounted by klimatkontrakt.api at /api/calls/.

Calls are public. A city's suggestions follow what the reader may see of its investment plans;
its applications are read by its members and recorded by its editors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.funding.models import Application, Call
from klimatkontrakt.funding.selectors import calls as selectors
from klimatkontrakt.funding.services import calls as services
from klimatkontrakt.organisations.access import can_view_unpublished, require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.api_schemas import Error, Id, Limit, Offset, paged

router = Router(tags=["funding"])

Money = Annotated[Decimal, Field(ge=0, le=10**12, max_digits=16, decimal_places=2)]
Day = Annotated[date, Field(ge=date(1990, 1, 1), le=date(2100, 12, 31))]
Code = Annotated[str, Field(min_length=4, max_length=4, pattern=r"^\d{4}$")]


class CallOut(Schema):
    id: int
    funder: str
    funder_is_agency: bool
    reference: str
    title: str
    description: str
    opens_on: date | None
    closes_on: date
    link: str
    categories: list[str]
    sectors: list[str]
    source: str
    is_example: bool


class ReasonOut(Schema):
    kind: str
    terms: list[str]
    text: str


class SuggestionOut(Schema):
    call: CallOut
    score: int
    reasons: list[ReasonOut]


class MeasureSuggestionsOut(Schema):
    measure_id: int
    measure: str
    plan: str
    start_year: int
    gap_sek: float
    suggestions: list[SuggestionOut]


class ApplicationIn(Schema):
    measure_id: Id
    call_id: Id
    state: Literal["applied", "granted", "refused"]
    amount_sek: Money
    applied_on: Day
    decided_on: Day | None = None
    source_kind: Literal["klimatklivet", "stadsmiljoavtal", "eu", "private"] | None = None


class ApplicationOut(Schema):
    id: int
    measure_id: int
    call_id: int
    state: str
    amount_sek: Decimal
    applied_on: date
    decided_on: date | None
    funding_id: int | None


def call_out(call: Call) -> dict[str, Any]:
    return {
        "id": call.pk,
        "funder": call.funder_name,
        "funder_is_agency": call.funder_id is not None,
        "reference": call.reference,
        "title": call.title,
        "description": call.description,
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "link": call.link,
        "categories": list(call.categories or []),
        "sectors": list(call.sectors or []),
        "source": call.source,
        "is_example": call.is_example,
    }


def application_out(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "measure_id": a.measure_id,
        "call_id": a.call_id,
        "state": a.state,
        "amount_sek": a.amount_sek,
        "applied_on": a.applied_on,
        "decided_on": a.decided_on,
        "funding_id": a.funding_id,
    }


@router.get("/", response=list[CallOut], summary="Open calls for funding, the first to close first")
def list_calls(
    request: HttpRequest, response: HttpResponse, limit: Limit = 100, offset: Offset = 0
) -> list[dict[str, Any]]:
    """The total in `X-Total-Count`."""
    return [call_out(c) for c in paged(response, selectors.open_calls(), limit, offset)]


@router.get("/{call_id}", response={200: CallOut, 404: Error, 422: Error}, summary="One call")
def get_call(request: HttpRequest, call_id: Id) -> dict[str, Any]:
    return call_out(selectors.call_by_id(call_id))


@router.get(
    "/municipality/{code}/suggestions",
    response={200: list[MeasureSuggestionsOut], 404: Error, 422: Error},
    summary="The open calls that fit each unfunded measure, with the reasons",
)
def suggestions(request: HttpRequest, code: Code) -> list[dict[str, Any]]:
    muni = municipality_by_code(code)
    return [
        {
            "measure_id": s.measure.pk,
            "measure": s.measure.name,
            "plan": s.measure.plan.name,
            "start_year": s.measure.start_year,
            "gap_sek": s.gap.gap_sek,
            "suggestions": [
                {
                    "call": call_out(x.call),
                    "score": x.score,
                    "reasons": [
                        {"kind": r.kind, "terms": list(r.terms), "text": selectors.reason_text(r)}
                        for r in x.reasons
                    ],
                }
                for x in s.suggestions
            ],
        }
        for s in selectors.suggestions(request.user, muni)
    ]


@router.get(
    "/municipality/{code}/applications",
    auth=django_auth,
    response={200: list[ApplicationOut], 403: Error, 404: Error, 422: Error},
    summary="The applications recorded on the municipality's measures (its members)",
)
def applications(request: HttpRequest, code: Code) -> list[dict[str, Any]]:
    muni = municipality_by_code(code)
    if not can_view_unpublished(request.user, muni):
        raise PermissionDenied("Only the municipality's members read its applications.")
    return [application_out(a) for a in selectors.applications_of(request.user, muni)]


@router.post(
    "/municipality/{code}/applications",
    auth=django_auth,
    response={201: ApplicationOut, 403: Error, 404: Error, 422: Error},
    summary="Record an application (applied, granted, refused); a grant becomes funding",
)
def record_application(request: HttpRequest, code: Code, payload: ApplicationIn) -> Status:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    measure = selectors.measure_of(request.user, muni, payload.measure_id)
    call = selectors.call_by_id(payload.call_id)
    stored = services.record_application(
        request.user,
        measure,
        call,
        state=payload.state,
        amount_sek=payload.amount_sek,
        applied_on=payload.applied_on,
        decided_on=payload.decided_on,
        source_kind=payload.source_kind,
    )
    return Status(201, application_out(stored))
