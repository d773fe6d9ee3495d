"""Reads for goal teams. Who sees what (docs/decisions.md, "Goal teams and personal data"):

- members of the municipality see the whole team, with work e-mail addresses;
- everyone else sees names, titles and departments only when the team is published, and never
  an e-mail address;
- the yearly report never carries a name or an e-mail: an approved report is frozen, so an
  erasure could not reach a name in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.emissions.selectors import goals as visible_goals
from klimatkontrakt.goals.models import GoalPerson, GoalTeam
from klimatkontrakt.organisations.access import can_view_item, can_view_unpublished
from klimatkontrakt.organisations.models import Municipality


def goal_for(user: Any, municipality: Municipality, pk: int) -> Goal:
    try:
        return visible_goals(user, municipality).get(pk=pk)
    except Goal.DoesNotExist as exc:
        raise Http404(f"No goal {pk} for {municipality.code}") from exc


def person_for(user: Any, goal: Goal, pk: int) -> GoalPerson:
    try:
        return GoalPerson.objects.select_related("team__goal", "department").get(
            team__goal=goal, pk=pk
        )
    except GoalPerson.DoesNotExist as exc:
        raise Http404(f"No team member {pk} for goal {goal.pk}") from exc


@dataclass(frozen=True)
class TeamView:
    """A goal's team as one reader may see it."""

    is_published: bool
    shared_with_programme: bool
    coordinator: GoalPerson | None
    members: list[GoalPerson]
    show_email: bool

    @property
    def is_empty(self) -> bool:
        return self.coordinator is None and not self.members


def _team(goal: Goal) -> GoalTeam | None:
    return GoalTeam.objects.filter(goal=goal).first()


def team_record(goal: Goal) -> GoalTeam | None:
    """The goal's stored team (its visibility), if it has one."""
    return _team(goal)


def _people(team: GoalTeam | None) -> tuple[GoalPerson | None, list[GoalPerson]]:
    if team is None:
        return None, []
    people = list(team.people.select_related("department"))
    coordinator = next((p for p in people if p.role == GoalPerson.Role.COORDINATOR), None)
    return coordinator, [p for p in people if p is not coordinator]


def team_view(user: Any, goal: Goal) -> TeamView | None:
    """The team as this user may see it; None when it is not shown to them."""
    team = _team(goal)
    member = can_view_unpublished(user, goal.municipality)
    if team is None and not member:
        return None
    if team is not None and not can_view_item(user, goal.municipality, team):
        return None
    coordinator, members = _people(team)
    return TeamView(
        bool(team and team.is_published),
        bool(team and team.shared_with_programme),
        coordinator,
        members,
        show_email=member,
    )


def person_json(p: GoalPerson, *, email: bool, names: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": p.pk,
        "role": p.role,
        "name": p.name if names else "",
        "title": p.title,
        "department_id": p.department_id,
        "department": p.department.name if p.department else "",
        "organisation": p.organisation,
    }
    if email:
        out["email"] = p.email
    return out


def team_json(view: TeamView | None) -> dict[str, Any] | None:
    """The team for the API, with e-mail only for the municipality's members."""
    if view is None:
        return None
    coordinator = view.coordinator
    return {
        "is_published": view.is_published,
        "shared_with_programme": view.shared_with_programme,
        "coordinator": person_json(coordinator, email=view.show_email) if coordinator else None,
        "members": [person_json(p, email=view.show_email) for p in view.members],
    }


def team_for_report(goal: Goal) -> dict[str, Any]:
    """The team in the yearly report: titles and workplaces, never a name or an e-mail (an
    approved report is frozen and may be published; an erasure must not leave a name in it)."""
    coordinator, members = _people(_team(goal))
    return {
        "coordinator": person_json(coordinator, email=False, names=False) if coordinator else None,
        "members": [person_json(p, email=False, names=False) for p in members],
    }
