"""What the goal teams hold about a person, found by the user's e-mail address (case-insensitive).
Erasure blanks the name and e-mail and keeps the role, title and department, so the team stays
readable."""

from typing import Any

from django.db.models import QuerySet

from klimatkontrakt.goals.models import GoalPerson


def _people(user: Any) -> QuerySet[GoalPerson]:
    email = (getattr(user, "email", "") or "").strip()
    if not email:  # an account without e-mail matches no one (blank e-mail fields abound)
        return GoalPerson.objects.none()
    return GoalPerson.objects.filter(email__iexact=email).select_related(
        "team__goal__municipality", "department"
    )


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "goal_teams": [
            {
                "municipality": p.team.goal.municipality.code,
                "goal": p.team.goal.name,
                "role": p.role,
                "name": p.name,
                "title": p.title,
                "department": p.workplace,
                "email": p.email,
            }
            for p in _people(user)
        ]
    }


def erase(user: Any) -> None:
    _people(user).update(name="", email="")
