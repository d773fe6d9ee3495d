"""The investment plan in the JSON API (read-only; plans follow page visibility)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from klimatkontrakt.investments import selectors
from klimatkontrakt.organisations.selectors import municipality_by_code

router = Router(tags=["investments"])


class PlanOut(Schema):
    id: int
    name: str
    scope: str
    department: str | None
    example_figures: bool
    is_published: bool
    base_year: int
    end_year: int


@router.get("/{code}/plans/", response=list[PlanOut])
def plans(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    muni = municipality_by_code(code)
    return [
        {
            "id": p.pk,
            "name": p.name,
            "scope": p.scope,
            "department": p.department.name if p.department else None,
            "example_figures": p.is_example,
            "is_published": p.is_published,
            "base_year": p.base_year,
            "end_year": p.end_year,
        }
        for p in selectors.visible_plans(request.user, muni)
    ]


@router.get("/{code}/plans/{plan_id}/", response=dict[str, Any])
def plan(request: HttpRequest, code: str, plan_id: int) -> dict[str, Any]:
    """The whole plan as in `klimatkontrakt investments show --format json`."""
    muni = municipality_by_code(code)
    summary = selectors.plan_summary(selectors.plan_for(request.user, muni, plan_id))
    return selectors.summary_json(summary)
