"""Writes for action plans: plans, actions and their dated status updates.

Every write needs the editor role in the plan's municipality (organisations.access).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.investments.models import FUNDER_KINDS, Measure
from klimatkontrakt.organisations.access import recorded_account, require_edit
from klimatkontrakt.organisations.models import Department, Municipality, Organisation
from klimatkontrakt.plans import changes
from klimatkontrakt.plans.models import Action, ActionPlan, ActionStatus, ActionUpdate, WorkPackage

# key, Swedish, English, closed
DEFAULT_ACTION_STATUSES = [
    ("not_started", "Ej påbörjad", "Not started", False),
    ("in_progress", "Pågår", "In progress", False),
    ("postponed", "Uppskjuten", "Postponed", False),
    ("done", "Genomförd", "Done", True),
    ("cancelled", "Avbruten", "Cancelled", True),
]


@transaction.atomic
def ensure_action_statuses(municipality: Municipality) -> list[ActionStatus]:
    """The municipality's action statuses; the default list is created on first use."""
    if not ActionStatus.objects.filter(municipality=municipality).exists():
        ActionStatus.objects.bulk_create(
            ActionStatus(
                municipality=municipality,
                key=key,
                name_sv=sv,
                name_en=en,
                is_closed=closed,
                order=i,
            )
            for i, (key, sv, en, closed) in enumerate(DEFAULT_ACTION_STATUSES)
        )
    return list(ActionStatus.objects.filter(municipality=municipality))


@transaction.atomic
def create_plan(
    user: Any,
    municipality: Municipality,
    *,
    kind: str,
    title: str,
    owner_name: str,
    update_interval_days: int = 90,
    start_year: int | None = None,
    end_year: int | None = None,
    work_packages: Sequence[tuple[str, str]] = (),
    is_published: bool = False,
) -> ActionPlan:
    require_edit(user, municipality)
    if start_year and end_year and end_year < start_year:
        raise ValidationError({"end_year": _("The plan ends before it starts.")})
    plan = ActionPlan(
        municipality=municipality,
        kind=kind,
        title=title,
        owner_name=owner_name,
        update_interval_days=update_interval_days,
        start_year=start_year,
        end_year=end_year,
        is_published=is_published,
    )
    plan.full_clean()
    plan.save()
    for order, (code, wp_title) in enumerate(work_packages):
        WorkPackage.objects.create(plan=plan, code=code, title=wp_title, order=order)
    ensure_action_statuses(municipality)
    return plan


@dataclass
class ActionInput:
    identifier: str
    title: str
    description: str = ""
    work_package: WorkPackage | None = None
    responsible_department: Department | None = None
    contact_name: str = ""
    contact_email: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: ActionStatus | None = None  # default: the municipality's first status
    indicators: Sequence[Indicator] = ()
    commitments: Sequence[Commitment] = ()
    measures: Sequence[Measure] = ()
    # None leaves the action's funders as they are (a write that does not name them).
    funders: Sequence[Organisation] | None = None


def _check_belongs(plan: ActionPlan, data: ActionInput) -> None:
    muni = plan.municipality
    errors: dict[str, str] = {}
    if data.work_package is not None and data.work_package.plan_id != plan.pk:
        errors["work_package"] = _("The work package belongs to another plan.")
    if (
        data.responsible_department is not None
        and data.responsible_department.municipality_id != muni.pk
    ):
        errors["responsible_department"] = _("The department belongs to another municipality.")
    if data.status is not None and data.status.municipality_id != muni.pk:
        errors["status"] = _("The status belongs to another municipality.")
    if any(i.municipality_id != muni.pk for i in data.indicators):
        errors["indicators"] = _("An indicator belongs to another municipality.")
    if any(c.version.contract.municipality_id != muni.pk for c in data.commitments):
        errors["commitments"] = _("A commitment belongs to another municipality.")
    if any(m.plan.municipality_id != muni.pk for m in data.measures):
        errors["measures"] = _("A measure belongs to another municipality.")
    if data.funders is not None and any(o.kind not in FUNDER_KINDS for o in data.funders):
        errors["funders"] = _("A funder must be an agency or a programme.")
    if errors:
        raise ValidationError(errors)


def _set_links(action: Action, data: ActionInput) -> None:
    action.indicators.set(data.indicators)
    action.commitments.set(data.commitments)
    action.measures.set(data.measures)
    if data.funders is not None:
        action.funders.set(data.funders)


@transaction.atomic
def create_action(user: Any, plan: ActionPlan, data: ActionInput) -> Action:
    require_edit(user, plan.municipality)
    _check_belongs(plan, data)
    status = data.status or ensure_action_statuses(plan.municipality)[0]
    action = Action(
        plan=plan,
        work_package=data.work_package,
        identifier=data.identifier.strip(),
        title=data.title.strip(),
        description=data.description,
        responsible_department=data.responsible_department,
        contact_name=data.contact_name,
        contact_email=data.contact_email,
        start_date=data.start_date,
        end_date=data.end_date,
        status=status,
    )
    action.full_clean()
    action.save()
    _set_links(action, data)
    return action


@transaction.atomic
def update_action(user: Any, action: Action, data: ActionInput) -> Action:
    """Change an action's description fields; status and progress change only by an update."""
    require_edit(user, action.plan.municipality)
    _check_belongs(action.plan, data)
    action.work_package = data.work_package
    action.identifier = data.identifier.strip()
    action.title = data.title.strip()
    action.description = data.description
    action.responsible_department = data.responsible_department
    action.contact_name = data.contact_name
    action.contact_email = data.contact_email
    action.start_date = data.start_date
    action.end_date = data.end_date
    action.full_clean()
    action.save()
    _set_links(action, data)
    return action


@transaction.atomic
def record_update(
    user: Any,
    action: Action,
    *,
    status: ActionStatus,
    progress: int,
    text: str,
    at: datetime | None = None,
) -> ActionUpdate:
    """Add a dated status update; the action takes its status and progress. History is kept."""
    require_edit(user, action.plan.municipality)
    errors: dict[str, str] = {}
    if status.municipality_id != action.plan.municipality_id:
        errors["status"] = _("The status belongs to another municipality.")
    if not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage from 0 to 100.")
    if not text.strip():
        errors["text"] = _("Say what has happened since the last update.")
    if errors:
        raise ValidationError(errors)
    when = at or timezone.now()
    update = ActionUpdate.objects.create(
        action=action,
        created_at=when,
        status=status,
        progress=progress,
        text=text.strip(),
        author=recorded_account(user),
    )
    # An update dated before the latest one is history only; it does not set the current state.
    if action.last_update_at is None or when >= action.last_update_at:
        action.status = status
        action.progress = progress
        action.last_update_at = when
        action.save(update_fields=["status", "progress", "last_update_at"])
    return update


@transaction.atomic
def set_links(
    user: Any,
    action: Action,
    *,
    commitments: Sequence[Commitment],
    measures: Sequence[Measure],
    indicators: Sequence[Indicator],
    funders: Sequence[Organisation] | None = None,
) -> Action:
    """Replace the action's links to commitments, measures and indicators of its municipality,
    and to the agencies or programmes funding it (left as they are when `funders` is None)."""
    require_edit(user, action.plan.municipality)
    data = ActionInput(
        action.identifier,
        action.title,
        indicators=indicators,
        commitments=commitments,
        measures=measures,
        funders=funders,
    )
    _check_belongs(action.plan, data)
    _set_links(action, data)
    return action


@transaction.atomic
def delete_action(user: Any, action: Action) -> None:
    """Delete an action and its status updates; the change log keeps what it was."""
    require_edit(user, action.plan.municipality)
    changes.log_action_deleted(user, action)
    action.delete()
