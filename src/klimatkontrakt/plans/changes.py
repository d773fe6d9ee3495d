"""The follow-up's change log: what an editor changed or deleted, kept after the record goes.

Contact names and e-mail addresses are left out of the log, so an erased person stays erased.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from klimatkontrakt.organisations.access import recorded_account
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.models import Action, ActionPlan, FollowupChange

PERSONAL_FIELDS = {"contact_name", "contact_email"}


def action_snapshot(action: Action) -> dict[str, Any]:
    return {
        "identifier": action.identifier,
        "title": action.title,
        "description": action.description,
        "work_package": action.work_package.code if action.work_package else "",
        "responsible_department": (
            action.responsible_department.name if action.responsible_department else ""
        ),
        "status": action.status.key,
        "progress": action.progress,
        "start_date": action.start_date.isoformat() if action.start_date else None,
        "end_date": action.end_date.isoformat() if action.end_date else None,
        "indicators": [i.name for i in action.indicators.all()],
        "commitments": [c.title for c in action.commitments.all()],
        "measures": [m.name for m in action.measures.all()],
        "funders": [o.name for o in action.funders.all()],
        "updates": [
            {
                "date": u.created_at.isoformat(),
                "status": u.status.key,
                "progress": u.progress,
                "text": u.text,
            }
            for u in action.updates.select_related("status")
        ],
    }


def log_change(
    user: Any,
    municipality: Municipality,
    kind: str,
    object_id: int,
    label: str,
    what: str,
    changes: dict[str, Any],
    plan: ActionPlan | None = None,
) -> FollowupChange:
    """One entry of the change log (of an action or a training)."""
    return FollowupChange.objects.create(
        municipality=municipality,
        kind=kind,
        object_id=object_id,
        plan=plan,
        label=label[:300],
        what=what,
        user=recorded_account(user),
        changes=changes,
    )


def changes_of(municipality: Municipality, kind: str) -> QuerySet[FollowupChange]:
    return municipality.followup_changes.filter(kind=kind).select_related("user")


def log_action_deleted(user: Any, action: Action) -> FollowupChange:
    return log_change(
        user,
        action.plan.municipality,
        FollowupChange.Kind.ACTION,
        action.pk,
        f"{action.identifier} {action.title}",
        FollowupChange.What.DELETED,
        {"before": action_snapshot(action)},
        plan=action.plan,
    )


def deleted_actions(plan: ActionPlan) -> QuerySet[FollowupChange]:
    return plan.changes.filter(kind=FollowupChange.Kind.ACTION, what=FollowupChange.What.DELETED)
