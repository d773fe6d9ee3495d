"""Indicators and action plans in the JSON API; indicator figures come from selectors.summarise."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from klimatkontrakt.followup import selectors
from klimatkontrakt.followup.models import ActionPlan
from klimatkontrakt.organisations.selectors import municipality_by_code

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
def get_indicator(request: HttpRequest, indicator_id: int, municipality: str) -> dict:
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


# -- Action plans (read only) -----------------------------------------------------------------

plans_router = Router(tags=["action plans"])


class WorkPackageOut(Schema):
    code: str
    title: str
    actions_by_status: dict[str, int]


class PlanOut(Schema):
    id: int
    municipality: str
    kind: str
    title: str
    owner: str
    start_year: int | None
    end_year: int | None
    update_interval_days: int
    work_packages: list[WorkPackageOut]
    overdue_actions: int


class UpdateOut(Schema):
    date: datetime
    status: str
    progress: int
    text: str


class ActionOut(Schema):
    identifier: str
    title: str
    work_package: str | None
    responsible_department: str | None
    status: str
    status_closed: bool
    progress: int
    start_date: date | None
    end_date: date | None
    last_update: datetime | None
    overdue: bool
    indicator_ids: list[int]
    updates: list[UpdateOut]


class PlanDetailOut(PlanOut):
    actions: list[ActionOut]


def _plan_out(plan: ActionPlan, now: datetime) -> dict[str, Any]:
    counts = selectors.status_counts(plan)
    packages = [
        {"code": w.code, "title": w.title, "actions_by_status": dict(counts.get(w.code, {}))}
        for w in plan.work_packages.all()
    ]
    if counts.get(""):
        packages.append({"code": "", "title": "", "actions_by_status": dict(counts[""])})
    overdue = sum(
        1 for a in plan.actions.select_related("status", "plan") if selectors.is_stale(a, now)
    )
    return {
        "id": plan.pk,
        "municipality": plan.municipality.code,
        "kind": plan.kind,
        "title": plan.title,
        "owner": plan.owner_name,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "update_interval_days": plan.update_interval_days,
        "work_packages": packages,
        "overdue_actions": overdue,
    }


@plans_router.get("/", response=list[PlanOut], summary="A municipality's action plans")
def list_plans(request: HttpRequest, municipality: str) -> list[dict[str, Any]]:
    muni = municipality_by_code(municipality)
    now = timezone.now()
    return [_plan_out(p, now) for p in selectors.visible_plans(request.user, muni)]


@plans_router.get("/{plan_id}/", response=PlanDetailOut, summary="One plan with its actions")
def get_plan(request: HttpRequest, plan_id: int, municipality: str) -> dict[str, Any]:
    muni = municipality_by_code(municipality)
    plan = get_object_or_404(selectors.visible_plans(request.user, muni), pk=plan_id)
    now = timezone.now()
    actions = []
    for a in plan.actions.select_related(
        "status", "work_package", "responsible_department", "plan"
    ).prefetch_related("indicators", "updates__status"):
        actions.append(
            {
                "identifier": a.identifier,
                "title": a.title,
                "work_package": a.work_package.code if a.work_package else None,
                "responsible_department": (
                    a.responsible_department.name if a.responsible_department else None
                ),
                "status": a.status.key,
                "status_closed": a.status.is_closed,
                "progress": a.progress,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "last_update": a.last_update_at,
                "overdue": selectors.is_stale(a, now),
                "indicator_ids": [i.pk for i in a.indicators.all()],
                "updates": [
                    {
                        "date": u.created_at,
                        "status": u.status.key,
                        "progress": u.progress,
                        "text": u.text,
                    }
                    for u in a.updates.all()
                ],
            }
        )
    return {**_plan_out(plan, now), "actions": actions}
