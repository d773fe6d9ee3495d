"""What the follow-up holds about a person: action contacts and goal team members, found by the
user's e-mail address (case-insensitive). Erasure blanks the name and e-mail and keeps the rest
(the action, the person's title and department), so the plan and the team stay readable."""

from typing import Any

from django.db.models import QuerySet

from klimatkontrakt.followup.models import Action, GoalPerson


def _email(user: Any) -> str:
    return (getattr(user, "email", "") or "").strip()


def _actions(email: str) -> QuerySet[Action]:
    return Action.objects.filter(contact_email__iexact=email).select_related("plan__municipality")


def _people(email: str) -> QuerySet[GoalPerson]:
    return GoalPerson.objects.filter(email__iexact=email).select_related(
        "team__goal__municipality", "department"
    )


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    email = _email(user)
    if not email:  # an account without e-mail matches no one (blank contact fields abound)
        return {"action_contacts": [], "goal_teams": []}
    return {
        "action_contacts": [
            {
                "municipality": a.plan.municipality.code,
                "plan": a.plan.title,
                "action": f"{a.identifier} {a.title}",
                "contact_name": a.contact_name,
                "contact_email": a.contact_email,
            }
            for a in _actions(email)
        ],
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
            for p in _people(email)
        ],
    }


def erase(user: Any) -> None:
    email = _email(user)
    if not email:
        return
    _actions(email).update(contact_name="", contact_email="")
    _people(email).update(name="", email="")
