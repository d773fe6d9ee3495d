"""The follow-up's change log: what an editor changed or deleted, kept after the record goes.

Contact names and e-mail addresses are left out of the log, so an erased person stays erased.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from klimatkontrakt.followup.models import Action, ActionPlan, FollowupChange, Training
from klimatkontrakt.organisations.models import Municipality

PERSONAL_FIELDS = {"contact_name", "contact_email"}


def _actor(user: Any) -> Any:
    # The demo loader and commands act as a system user that is not a stored account.
    return user if getattr(user, "pk", None) is not None else None


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


def training_snapshot(t: Training) -> dict[str, Any]:
    return {
        "held_on": t.held_on.isoformat(),
        "concept": t.concept,
        "audience": t.audience,
        "department": t.department.name if t.department else "",
        "participants": t.participants,
        "note": t.note,
    }


def log_action_deleted(user: Any, action: Action) -> FollowupChange:
    return FollowupChange.objects.create(
        municipality=action.plan.municipality,
        kind=FollowupChange.Kind.ACTION,
        object_id=action.pk,
        plan=action.plan,
        label=f"{action.identifier} {action.title}"[:300],
        what=FollowupChange.What.DELETED,
        user=_actor(user),
        changes={"before": action_snapshot(action)},
    )


def log_training(
    user: Any, training: Training, what: str, before: dict[str, Any], after: dict[str, Any] | None
) -> FollowupChange:
    changes: dict[str, Any] = {"before": before}
    if after is not None:
        changed = {k for k in after if after[k] != before.get(k)}
        changes = {
            "before": {k: before[k] for k in changed},
            "after": {k: after[k] for k in changed},
        }
    return FollowupChange.objects.create(
        municipality=training.municipality,
        kind=FollowupChange.Kind.TRAINING,
        object_id=training.pk,
        label=f"{training.held_on.isoformat()} {training.concept}"[:300],
        what=what,
        user=_actor(user),
        changes=changes,
    )


def deleted_actions(plan: ActionPlan) -> QuerySet[FollowupChange]:
    return plan.changes.filter(kind=FollowupChange.Kind.ACTION, what=FollowupChange.What.DELETED)


def training_changes(municipality: Municipality) -> QuerySet[FollowupChange]:
    return municipality.followup_changes.filter(kind=FollowupChange.Kind.TRAINING).select_related(
        "user"
    )
