"""Indicators in the JSON API; figures come from selectors.summarise. Plans: plan_api."""

from django.http import HttpRequest
from ninja import Router, Schema

from klimatkontrakt.indicators import selectors
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.api_schemas import Id

router = Router(tags=["indicators"])


class ValueOut(Schema):
    year: int
    value: float | None
    women: float | None
    men: float | None
    target: float | None
    trend: float | None
    provenance: str


class IndicatorOut(Schema):
    id: int
    municipality: str
    name: str
    unit: str
    direction: str
    source_kind: str
    kolada_kpi: str
    is_example: bool
    is_published: bool
    shared_with_programme: bool
    latest_year: int | None
    latest_value: float | None
    status: str | None
    status_reason: str
    target_year: int | None
    target_value: float | None
    expected_value: float | None
    trend_slope_per_year: float | None


class IndicatorDetailOut(IndicatorOut):
    years: list[ValueOut]


def _out(s: selectors.IndicatorSummary) -> dict:
    i, a = s.indicator, s.assessment
    return {
        "id": i.pk,
        "municipality": i.municipality.code,
        "name": i.name,
        "unit": i.unit,
        "direction": i.direction,
        "source_kind": i.source_kind,
        "kolada_kpi": i.kolada_kpi,
        "is_example": i.is_example,
        "is_published": i.is_published,
        "shared_with_programme": i.shared_with_programme,
        "latest_year": s.latest_year,
        "latest_value": s.latest_value,
        "status": str(a.status) if a.status else None,
        "status_reason": a.reason,
        "target_year": a.target_year,
        "target_value": a.target_value,
        "expected_value": a.expected_value,
        "trend_slope_per_year": a.trend.slope if a.trend else None,
    }


@router.get("/", response=list[IndicatorOut], summary="A municipality's indicators")
def list_indicators(request: HttpRequest, municipality: str) -> list[dict]:
    muni = municipality_by_code(municipality)
    return [_out(selectors.summarise(i)) for i in selectors.visible_indicators(request.user, muni)]


@router.get("/{indicator_id}/", response=IndicatorDetailOut, summary="One indicator by year")
def get_indicator(request: HttpRequest, indicator_id: Id, municipality: str) -> dict:
    muni = municipality_by_code(municipality)
    summary = selectors.summarise(selectors.indicator_for(request.user, muni, indicator_id))
    years = [
        {
            "year": r.year,
            "value": r.value,
            "women": r.women,
            "men": r.men,
            "target": r.target,
            "trend": r.trend,
            "provenance": r.provenance,
        }
        for r in summary.rows
    ]
    return {**_out(summary), "years": years}
