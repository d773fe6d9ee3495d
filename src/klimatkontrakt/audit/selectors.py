"""Reads of the change log."""

from __future__ import annotations

from django.db.models import QuerySet

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.organisations.models import Municipality


def entries_for(
    municipality: Municipality, object_types: tuple[str, ...] = (), limit: int = 20
) -> QuerySet[ChangeLogEntry]:
    """The municipality's latest entries, optionally of some object types only (newest first)."""
    qs = ChangeLogEntry.objects.filter(municipality=municipality).select_related("user")
    if object_types:
        qs = qs.filter(object_type__in=object_types)
    return qs[:limit]
