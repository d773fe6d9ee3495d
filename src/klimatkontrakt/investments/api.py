"""The investment plan in the JSON API. Reads follow page visibility; adding a measure needs
an editor session."""

from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.investments import selectors, services
from klimatkontrakt.investments.models import Measure
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.sectors import sector_label
from klimatkontrakt.web.api_schemas import Error, Id, Year

# The model's columns: 16 digits with 2 decimals (kronor), 14 with 3 (tonnes)
Sek = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=16, decimal_places=2)]
TonnesPerYear = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=14, decimal_places=3)]

router = Router(tags=["investments"])


class InvestmentPlanOut(Schema):
    id: int
    name: str
    scope: str
    department: str | None
    example_figures: bool
    is_published: bool
    shared_with_programme: bool
    base_year: int
    end_year: int


@router.get("/{code}/plans/", response=list[InvestmentPlanOut])
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
            "shared_with_programme": p.shared_with_programme,
            "base_year": p.base_year,
            "end_year": p.end_year,
        }
        for p in selectors.visible_plans(request.user, muni)
    ]


@router.get("/{code}/plans/{plan_id}/", response=dict[str, Any])
def plan(request: HttpRequest, code: str, plan_id: Id) -> dict[str, Any]:
    """The whole plan as in `klimatkontrakt investments show --format json`."""
    muni = municipality_by_code(code)
    summary = selectors.plan_summary(selectors.plan_for(request.user, muni, plan_id))
    return selectors.summary_json(summary)


class SectorOut(Schema):
    key: str
    label: str


@router.get("/{code}/plans/{plan_id}/sectors/", response=list[SectorOut])
def sectors(request: HttpRequest, code: str, plan_id: Id) -> list[dict[str, str]]:
    """The sectors a measure of the plan may name: the keys its pathway knows."""
    plan = selectors.plan_for(request.user, municipality_by_code(code), plan_id)
    return [{"key": s, "label": sector_label(s)} for s in selectors.plan_sectors(plan)]


class MeasureIn(Schema):
    name: str
    sector: str
    description: str = ""
    category: str = ""
    department_id: Id | None = None
    kind: Measure.Kind = Measure.Kind.INVESTMENT
    status: Measure.Status = Measure.Status.PROPOSED
    start_year: Year
    ramp_up_years: int = Field(0, ge=0, le=100)
    lifetime_years: int = Field(..., ge=1, le=200)
    capex_sek: Sek
    opex_change_sek_per_year: Sek
    reduction_t_per_year: TonnesPerYear
    reduction_low_t_per_year: TonnesPerYear | None = None
    reduction_high_t_per_year: TonnesPerYear | None = None


class MeasureOut(Schema):
    id: int
    name: str
    sector: str
    sector_label: str


@router.post(
    "/{code}/plans/{plan_id}/measures/",
    auth=django_auth,
    response={201: MeasureOut, 403: Error, 422: Error},
)
def create_measure(request: HttpRequest, code: str, plan_id: Id, payload: MeasureIn) -> Any:
    """Add a measure; a sector the plan's pathway does not know is refused (422)."""
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    plan = selectors.plan_for(request.user, muni, plan_id)
    fields = payload.dict()
    department_id = fields.pop("department_id")
    department = None
    if department_id is not None:
        department = muni.departments.filter(pk=department_id).first()
        if department is None:
            raise ValidationError({"department_id": "No such department in this municipality"})
    m = services.save_measure(request.user, Measure(plan=plan, department=department, **fields))
    return Status(
        201,
        {"id": m.pk, "name": m.name, "sector": m.sector, "sector_label": sector_label(m.sector)},
    )
