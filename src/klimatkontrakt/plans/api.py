"""Action plans in the JSON API: plans, actions with their history and links; editors set an
action's links and delete actions (login and the editor role, as every write)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from klimatkontrakt.contracts.selectors import commitments_of_municipality
from klimatkontrakt.indicators.selectors import indicators_of
from klimatkontrakt.investments.models import FUNDER_KINDS
from klimatkontrakt.investments.selectors import measures_of_municipality
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Municipality, Organisation
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.plans import selectors, services
from klimatkontrakt.plans.models import Action, ActionPlan
from klimatkontrakt.web.api_schemas import Error, Id

router = Router(tags=["action plans"])


class WorkPackageOut(Schema):
    code: str
    title: str
    actions_by_status: dict[str, int]


class ActionPlanOut(Schema):
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


class LinkOut(Schema):
    id: int
    title: str


class CommitmentLinkOut(LinkOut):
    year: int


class MeasureLinkOut(LinkOut):
    plan: str


class FunderOut(Schema):
    slug: str
    name: str


class LinksOut(Schema):
    commitments: list[CommitmentLinkOut]
    measures: list[MeasureLinkOut]
    indicators: list[LinkOut]
    funders: list[FunderOut]


class ActionOut(Schema):
    id: int
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
    links: LinksOut
    updates: list[UpdateOut]


class PlanDetailOut(ActionPlanOut):
    actions: list[ActionOut]


class LinksIn(Schema):
    """The action's links, each list replacing the current one. Commitments are linked by the
    id of one version's commitment; reading follows it to the latest version you may see."""

    commitment_ids: list[Id] = Field([], max_length=1000)
    measure_ids: list[Id] = Field([], max_length=1000)
    indicator_ids: list[Id] = Field([], max_length=1000)
    # The agencies or programmes funding the action, by slug; left as they are when absent.
    funders: list[Annotated[str, Field(max_length=100)]] | None = Field(None, max_length=100)


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


def _links(links: selectors.ActionLinks, action: Action) -> dict[str, Any]:
    return {
        "funders": [{"slug": o.slug, "name": o.name} for o in action.funders.all()],
        "commitments": [
            {"id": c.pk, "title": c.title, "year": c.version.year} for c in links.commitments
        ],
        "measures": [{"id": m.pk, "title": m.name, "plan": m.plan.name} for m in links.measures],
        "indicators": [{"id": i.pk, "title": i.name} for i in links.indicators],
    }


def _action_out(a: Action, found: selectors.ActionLinks, now: datetime) -> dict[str, Any]:
    links = _links(found, a)
    return {
        "id": a.pk,
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
        "indicator_ids": [i["id"] for i in links["indicators"]],
        "links": links,
        "updates": [
            {"date": u.created_at, "status": u.status.key, "progress": u.progress, "text": u.text}
            for u in a.updates.all()
        ],
    }


@router.get("/", response=list[ActionPlanOut], summary="A municipality's action plans")
def list_plans(request: HttpRequest, municipality: str) -> list[dict[str, Any]]:
    muni = municipality_by_code(municipality)
    now = timezone.now()
    return [_plan_out(p, now) for p in selectors.visible_plans(request.user, muni)]


@router.get("/{plan_id}/", response=PlanDetailOut, summary="One plan with its actions")
def get_plan(request: HttpRequest, plan_id: Id, municipality: str) -> dict[str, Any]:
    muni = municipality_by_code(municipality)
    plan = get_object_or_404(selectors.visible_plans(request.user, muni), pk=plan_id)
    now = timezone.now()
    actions = list(
        plan.actions.select_related(
            "status", "work_package", "responsible_department", "plan__municipality"
        ).prefetch_related("commitments", "updates__status", "funders")
    )
    links = selectors.actions_links(request.user, muni, actions)
    return {**_plan_out(plan, now), "actions": [_action_out(a, links[a.pk], now) for a in actions]}


def _resolve(
    of_municipality: QuerySet[Any], ids: list[int], field: str, muni: Municipality
) -> list[Any]:
    found = list(of_municipality.filter(pk__in=ids))
    missing = sorted(set(ids) - {o.pk for o in found})
    if missing:
        raise HttpError(422, f"{field}: no such record in {muni.code}: {missing}")
    return found


def _funders(slugs: list[str]) -> list[Organisation]:
    found = list(Organisation.objects.filter(slug__in=slugs, kind__in=FUNDER_KINDS))
    missing = sorted(set(slugs) - {o.slug for o in found})
    if missing:
        raise HttpError(422, f"funders: no agency or programme {missing}")
    return found


@router.put(
    "/{plan_id}/actions/{action_id}/links",
    auth=django_auth,
    response={200: ActionOut, 403: Error, 404: Error, 422: Error},
    summary="Set an action's links to commitments, measures and indicators",
)
def set_links(
    request: HttpRequest, plan_id: Id, action_id: Id, municipality: str, payload: LinksIn
) -> dict[str, Any]:
    muni = municipality_by_code(municipality)
    action = selectors.action_for(request.user, muni, plan_id, action_id)
    require_edit(request.user, muni)
    services.set_links(
        request.user,
        action,
        commitments=_resolve(
            commitments_of_municipality(muni), payload.commitment_ids, "commitment_ids", muni
        ),
        measures=_resolve(measures_of_municipality(muni), payload.measure_ids, "measure_ids", muni),
        indicators=_resolve(indicators_of(muni), payload.indicator_ids, "indicator_ids", muni),
        funders=None if payload.funders is None else _funders(payload.funders),
    )
    fresh = selectors.action_for(request.user, muni, plan_id, action_id)
    return _action_out(fresh, selectors.action_links(request.user, fresh), timezone.now())


@router.delete(
    "/{plan_id}/actions/{action_id}",
    auth=django_auth,
    response={204: None, 403: Error, 404: Error},
    summary="Delete an action (the plan's change log keeps it)",
)
def delete_action(request: HttpRequest, plan_id: Id, action_id: Id, municipality: str) -> Any:
    muni = municipality_by_code(municipality)
    action = selectors.action_for(request.user, muni, plan_id, action_id)
    services.delete_action(request.user, action)
    return Status(204, None)
