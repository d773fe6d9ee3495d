"""Bulk import and export of a plan's actions as XLSX (columns in sources.actions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from klimatkontrakt.audit import context as audit
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.documents.tables import Table, xlsx_bytes
from klimatkontrakt.imports import ImportResult, import_file
from klimatkontrakt.organisations.access import SYSTEM, require_edit
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionImport, ActionPlan, ActionStatus
from klimatkontrakt.sources.actions import COLUMNS, ActionRow, parse_action_table
from klimatkontrakt.sources.errors import RowProblem, SourceError

# A checked row with what it names in the plan: the action's input and its status, if given.
Resolved = tuple[ActionRow, plans.ActionInput, ActionStatus | None]


def _lookup(plan: ActionPlan) -> tuple[dict[str, Any], dict[str, Any], dict[str, ActionStatus]]:
    packages = {wp.code.casefold(): wp for wp in plan.work_packages.all()}
    departments: dict[str, Any] = {}
    for d in plan.municipality.departments.all():
        departments[d.name.casefold()] = d
        if d.short_name:
            departments[d.short_name.casefold()] = d
    statuses: dict[str, ActionStatus] = {}
    for s in plans.ensure_action_statuses(plan.municipality):
        for name in (s.key, s.name_sv, s.name_en):
            statuses[name.casefold()] = s
    return packages, departments, statuses


def _resolve(plan: ActionPlan, rows: list[ActionRow], filename: str) -> list[Resolved]:
    packages, departments, statuses = _lookup(plan)
    problems: list[RowProblem] = []
    out = []
    for r in rows:
        wp = packages.get(r.work_package.casefold()) if r.work_package else None
        if r.work_package and wp is None:
            problems.append(
                RowProblem(
                    filename, r.row, "work_package", f"{r.work_package!r} is not in the plan"
                )
            )
        dept = departments.get(r.responsible_department.casefold())
        if r.responsible_department and dept is None:
            problems.append(
                RowProblem(
                    filename,
                    r.row,
                    "responsible_department",
                    f"{r.responsible_department!r} is not a department of {plan.municipality.name}",
                )
            )
        status = statuses.get(r.status.casefold()) if r.status else None
        if r.status and status is None:
            problems.append(
                RowProblem(filename, r.row, "status", f"{r.status!r} is not an action status")
            )
        data = plans.ActionInput(
            identifier=r.identifier,
            title=r.title,
            description=r.description,
            work_package=wp,
            responsible_department=dept,
            contact_name=r.contact_name,
            contact_email=r.contact_email,
            start_date=r.start_date,
            end_date=r.end_date,
            status=status,
        )
        out.append((r, data, status))
    if problems:
        raise SourceError(problems)
    return out


def import_actions(
    plan: ActionPlan, data: bytes, filename: str, *, user: Any, check_access: bool = True
) -> ImportResult:
    """Take in an action table, all or nothing.

    Rows match existing actions by identifier, so a corrected file updates them; a status or
    progress that differs from the action's current one is recorded as a dated update, so the
    history stays whole. The same file (by SHA-256) imported again changes nothing.
    `check_access=False` is for the CLI, which runs with the operator's rights.
    """
    if not check_access:
        user = SYSTEM

    def parse(content: bytes, name: str) -> list[Resolved]:
        return _resolve(plan, parse_action_table(content, name), name)

    new: list[int] = []

    def store(resolved: Sequence[Resolved]) -> tuple[int, int]:
        created = 0
        for r, action_input, status in resolved:
            try:
                action, was_created = _save(plan, user, r, action_input, status, filename)
                if was_created:
                    new.append(action.pk)
                    created += 1
            except ValidationError as exc:
                raise SourceError(
                    [
                        RowProblem(filename, r.row, field, " ".join(msgs))
                        for field, msgs in exc.message_dict.items()
                    ]
                ) from exc
        return created, len(resolved) - created

    return import_file(
        user,
        plan.municipality,
        ActionImport,
        {"plan": plan},
        filename,
        data,
        parse=parse,
        store=store,
        link=lambda record: Action.objects.filter(pk__in=new).update(source_import=record),
    )


@transaction.atomic
def delete_import(user: Any, record: ActionImport) -> int:
    """Undo an action import: the actions it created go (each kept in the plan's change log);
    actions it only updated keep their current values. Returns how many actions went."""
    plan = record.plan
    require_edit(user, plan.municipality)
    created = list(record.created_actions.all())
    log_change(
        user,
        plan.municipality,
        ChangeLogEntry.Action.IMPORT_DELETED,
        record,
        label=f"{plan.title}: {record.filename}",
        before={
            "file": record.filename,
            "rows": record.rows,
            "plan": plan.title,
            "actions_removed": [a.identifier for a in created],
        },
    )
    with audit.quiet():  # the entry above is the undo's one entry
        for action in created:
            plans.delete_action(user, action)
        record.delete()
    return len(created)


def _save(
    plan: ActionPlan,
    user: Any,
    r: ActionRow,
    data: plans.ActionInput,
    status: ActionStatus | None,
    filename: str,
) -> tuple[Action, bool]:
    action = plan.actions.filter(identifier=r.identifier).first()
    created = action is None
    if action is None:
        action = plans.create_action(user, plan, data)
    else:
        data.indicators = list(action.indicators.all())
        data.commitments = list(action.commitments.all())
        data.measures = list(action.measures.all())
        action = plans.update_action(user, action, data)
    new_status = status or action.status
    new_progress = action.progress if r.progress is None else r.progress
    given = status is not None or r.progress is not None
    changed = new_status != action.status or new_progress != action.progress
    if (created and given) or changed:
        plans.record_update(
            user,
            action,
            status=new_status,
            progress=new_progress,
            text=f"Importerad från {filename}",
        )
    return action, created


def export_rows(plan: ActionPlan, *, contact_emails: bool = True) -> list[dict[str, Any]]:
    """The plan's actions in the import columns; `contact_emails` False leaves them out (the
    public download: contact e-mail addresses are for the municipality's members)."""
    return [
        {
            "identifier": a.identifier,
            "title": a.title,
            "work_package": a.work_package.code if a.work_package else "",
            "description": a.description,
            "responsible_department": a.responsible_department.name
            if a.responsible_department
            else "",
            "contact_name": a.contact_name,
            "contact_email": a.contact_email if contact_emails else "",
            "start_date": a.start_date,
            "end_date": a.end_date,
            "status": a.status.key,
            "progress": a.progress,
        }
        for a in plan.actions.select_related("work_package", "responsible_department", "status")
    ]


def export_actions(plan: ActionPlan, *, contact_emails: bool = True) -> bytes:
    """The actions as XLSX in the import columns: an export can be edited and read back."""
    rows = export_rows(plan, contact_emails=contact_emails)
    table = Table(key="aktiviteter", title=plan.title, columns=[(c, c) for c in COLUMNS], rows=rows)
    return xlsx_bytes(table, sheet="Aktiviteter")
