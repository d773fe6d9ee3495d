"""The one write of the change log; every service that changes data may call it."""

from __future__ import annotations

from typing import Any

from django.db import models

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.organisations.access import recorded_account
from klimatkontrakt.organisations.models import Municipality


def object_type(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


def log_change(
    user: Any,
    municipality: Municipality | None,
    action: str,
    obj: models.Model,
    *,
    label: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> ChangeLogEntry:
    """Record that `user` did `action` to `obj`; call it inside the write's transaction so the
    entry and the change stand or fall together. The system actor is recorded as no one."""
    return ChangeLogEntry.objects.create(
        municipality=municipality,
        user=recorded_account(user),
        action=action,
        object_type=object_type(obj),
        object_id=str(obj.pk),
        label=(label or str(obj))[:300],
        before=before or {},
        after=after or {},
    )
