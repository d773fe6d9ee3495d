"""Writes for goal teams: the coordinator and team members of a politically decided goal.

Every write needs the editor role in the goal's municipality (organisations.access).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.goals.models import GoalPerson, GoalTeam
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Department


@dataclass
class PersonInput:
    role: str
    name: str
    title: str
    department: Department | None = None
    organisation: str = ""
    email: str = ""
    order: int = 0


def team_of(goal: Goal) -> GoalTeam:
    team, _created = GoalTeam.objects.get_or_create(goal=goal)
    return team


@transaction.atomic
def set_team_published(user: Any, goal: Goal, published: bool, *, shared: bool = False) -> GoalTeam:
    """Show the team to everyone, to the programme office and the agencies too (`shared`), or
    only to the municipality's users."""
    require_edit(user, goal.municipality)
    team = team_of(goal)
    team.is_published = published
    team.shared_with_programme = shared and not published
    team.save(update_fields=["is_published", "shared_with_programme"])
    return team


def _check(team: GoalTeam, data: PersonInput, person: GoalPerson | None) -> None:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Give the person's name.")
    if not data.title.strip():
        errors["title"] = _("Give the person's title or role, e.g. climate strategist.")
    dept = data.department
    if dept is not None and dept.municipality_id != team.goal.municipality_id:
        errors["department"] = _("The department belongs to another municipality.")
    if data.role == GoalPerson.Role.COORDINATOR:
        other = team.people.filter(role=GoalPerson.Role.COORDINATOR)
        if person is not None:
            other = other.exclude(pk=person.pk)
        if other.exists():
            errors["role"] = _("The goal already has a coordinator; make them a team member first.")
    if errors:
        raise ValidationError(errors)


def _fill(person: GoalPerson, data: PersonInput) -> GoalPerson:
    person.role = data.role
    person.name = data.name.strip()
    person.title = data.title.strip()
    person.department = data.department
    person.organisation = data.organisation.strip()
    person.email = data.email.strip()
    person.order = data.order
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def add_person(user: Any, goal: Goal, data: PersonInput) -> GoalPerson:
    require_edit(user, goal.municipality)
    team = team_of(goal)
    _check(team, data, None)
    return _fill(GoalPerson(team=team), data)


@transaction.atomic
def update_person(user: Any, person: GoalPerson, data: PersonInput) -> GoalPerson:
    require_edit(user, person.team.goal.municipality)
    _check(person.team, data, person)
    return _fill(person, data)


@transaction.atomic
def remove_person(user: Any, person: GoalPerson) -> None:
    require_edit(user, person.team.goal.municipality)
    person.delete()
