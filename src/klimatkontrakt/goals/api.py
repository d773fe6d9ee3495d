"""Goals with their coordinator and team in the JSON API. E-mail addresses are returned to the
municipality's members only (goals.selectors); editors change the team."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.emissions.selectors import goals as visible_goals
from klimatkontrakt.goals import selectors, services
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.organisations.selectors import department_of, municipality_by_code
from klimatkontrakt.web.api_schemas import Error, Id

router = Router(tags=["goal teams"])


class PersonOut(Schema):
    id: int
    role: str
    name: str
    title: str
    department_id: int | None
    department: str
    organisation: str
    email: str | None = None


class TeamOut(Schema):
    is_published: bool
    shared_with_programme: bool
    coordinator: PersonOut | None
    members: list[PersonOut]


class GoalWithTeamOut(Schema):
    id: int
    municipality: str
    name: str
    target_year: int
    scope: str
    gas: str
    is_published: bool
    shared_with_programme: bool
    team: TeamOut | None


class TeamIn(Schema):
    is_published: bool
    shared_with_programme: bool = False


class PersonIn(Schema):
    role: str = "member"
    name: str
    title: str
    department_id: Id | None = None
    organisation: str = ""
    email: str = ""


class PersonPatch(Schema):
    role: str | None = None
    name: str | None = None
    title: str | None = None
    department_id: Id | None = None
    organisation: str | None = None
    email: str | None = None


def _goal_out(user: Any, goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "municipality": goal.municipality.code,
        "name": goal.name,
        "target_year": goal.target_year,
        "scope": goal.scope,
        "gas": goal.gas,
        "is_published": goal.is_published,
        "shared_with_programme": goal.shared_with_programme,
        "team": selectors.team_json(selectors.team_view(user, goal)),
    }


def _department(muni: Municipality, pk: int | None) -> Department | None:
    return None if pk is None else department_of(muni, pk)


def _person_out(p: Any) -> dict[str, Any]:
    return selectors.person_json(p, email=True)  # only editors reach the write endpoints


@router.get("/", response=list[GoalWithTeamOut], summary="A municipality's goals with their teams")
def list_goals(request: HttpRequest, municipality: str) -> list[dict[str, Any]]:
    muni = municipality_by_code(municipality)
    return [_goal_out(request.user, g) for g in visible_goals(request.user, muni)]


@router.get("/{goal_id}/", response=GoalWithTeamOut, summary="One goal with its team")
def get_goal(request: HttpRequest, goal_id: Id, municipality: str) -> dict[str, Any]:
    muni = municipality_by_code(municipality)
    return _goal_out(request.user, selectors.goal_for(request.user, muni, goal_id))


@router.put(
    "/{goal_id}/team", auth=django_auth, response={200: GoalWithTeamOut, 403: Error, 404: Error}
)
def set_team(request: HttpRequest, goal_id: Id, municipality: str, payload: TeamIn) -> Any:
    muni = municipality_by_code(municipality)
    require_edit(request.user, muni)
    goal = selectors.goal_for(request.user, muni, goal_id)
    services.set_team_published(
        request.user, goal, payload.is_published, shared=payload.shared_with_programme
    )
    return _goal_out(request.user, goal)


@router.post(
    "/{goal_id}/people",
    auth=django_auth,
    response={201: PersonOut, 403: Error, 404: Error, 422: Error},
)
def add_person(request: HttpRequest, goal_id: Id, municipality: str, payload: PersonIn) -> Any:
    muni = municipality_by_code(municipality)
    require_edit(request.user, muni)
    goal = selectors.goal_for(request.user, muni, goal_id)
    fields = payload.dict()
    department = _department(muni, fields.pop("department_id"))
    data = services.PersonInput(department=department, **fields)
    return Status(201, _person_out(services.add_person(request.user, goal, data)))


@router.patch(
    "/{goal_id}/people/{person_id}",
    auth=django_auth,
    response={200: PersonOut, 403: Error, 404: Error, 422: Error},
)
def update_person(
    request: HttpRequest, goal_id: Id, person_id: Id, municipality: str, payload: PersonPatch
) -> Any:
    muni = municipality_by_code(municipality)
    require_edit(request.user, muni)
    goal = selectors.goal_for(request.user, muni, goal_id)
    p = selectors.person_for(request.user, goal, person_id)
    given = payload.dict(exclude_unset=True)

    def pick(key: str, current: Any) -> Any:
        return current if given.get(key) is None else given[key]  # null or absent: keep

    data = services.PersonInput(
        role=pick("role", p.role),
        name=pick("name", p.name),
        title=pick("title", p.title),
        department=(
            _department(muni, given["department_id"]) if "department_id" in given else p.department
        ),
        organisation=pick("organisation", p.organisation),
        email=pick("email", p.email),
        order=p.order,
    )
    return _person_out(services.update_person(request.user, p, data))


@router.delete(
    "/{goal_id}/people/{person_id}", auth=django_auth, response={204: None, 403: Error, 404: Error}
)
def remove_person(request: HttpRequest, goal_id: Id, person_id: Id, municipality: str) -> Any:
    muni = municipality_by_code(municipality)
    require_edit(request.user, muni)
    goal = selectors.goal_for(request.user, muni, goal_id)
    services.remove_person(request.user, selectors.person_for(request.user, goal, person_id))
    return Status(204, None)
