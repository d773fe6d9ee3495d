"""What the action plans hold about a person: actions' contact people, found by the user's e-mail
address (case-insensitive). Erasure blanks the name and e-mail and keeps the action."""

from typing import Any

from django.db.models import QuerySet

from klimatkontrakt.plans.models import Action


def _actions(user: Any) -> QuerySet[Action]:
    email = (getattr(user, "email", "") or "").strip()
    if not email:  # an account without e-mail matches no one (blank contact fields abound)
        return Action.objects.none()
    return Action.objects.filter(contact_email__iexact=email).select_related("plan__municipality")


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "action_contacts": [
            {
                "municipality": a.plan.municipality.code,
                "plan": a.plan.title,
                "action": f"{a.identifier} {a.title}",
                "contact_name": a.contact_name,
                "contact_email": a.contact_email,
            }
            for a in _actions(user)
        ]
    }


def erase(user: Any) -> None:
    _actions(user).update(contact_name="", contact_email="")
