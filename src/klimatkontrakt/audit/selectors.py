"""Reads of the change log, and its entries in readable words (object type and field names in the
interface language, values formatted, the actor's name while the account exists)."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.signals import REMOVED_WITH, audited_models
from klimatkontrakt.audit.values import HIDDEN, model_key
from klimatkontrakt.organisations.models import Municipality


def entries_for(
    municipality: Municipality, object_types: tuple[str, ...] = (), limit: int = 20
) -> list[ChangeLogEntry]:
    """The municipality's latest entries, optionally of some object types only (newest first),
    each with `actor_name` set."""
    qs = ChangeLogEntry.objects.filter(municipality=municipality)
    if object_types:
        qs = qs.filter(object_type__in=object_types)
    return with_actor_names(qs[:limit])


def change_log(
    municipality: Municipality,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    object_type: str = "",
    actor: int | None = None,
) -> QuerySet[ChangeLogEntry]:
    """The municipality's change log, newest first, filtered by period, object type and actor."""
    qs = ChangeLogEntry.objects.filter(municipality=municipality)
    if since is not None:
        qs = qs.filter(at__date__gte=since)
    if until is not None:
        qs = qs.filter(at__date__lte=until)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if actor is not None:
        qs = qs.filter(actor=actor)
    return qs


def latest_change(
    municipality: Municipality, objects: Iterable[models.Model]
) -> datetime.datetime | None:
    """When the latest recorded change to any of `objects` (the municipality's items a reader
    may see) was made; None when none of them has an entry."""
    by_type: dict[str, list[str]] = {}
    for obj in objects:
        by_type.setdefault(model_key(obj), []).append(str(obj.pk))
    if not by_type:
        return None
    condition = models.Q()
    for key, ids in by_type.items():
        condition |= models.Q(object_type=key, object_id__in=ids)
    qs = ChangeLogEntry.objects.filter(condition, municipality=municipality)
    return qs.order_by("-at").values_list("at", flat=True).first()


def account_names(ids: Iterable[int | None]) -> dict[int, str]:
    """The user names of the accounts that still exist."""
    wanted = {i for i in ids if i is not None}
    User = get_user_model()
    return {
        pk: str(name)
        for pk, name in User._default_manager.filter(pk__in=wanted).values_list(
            "pk", User.USERNAME_FIELD
        )
    }


def actor_text(actor: int | None, names: dict[int, str]) -> str:
    if actor is None:
        return _("the system")
    if actor in names:
        return _("%(name)s (account %(id)d)") % {"name": names[actor], "id": actor}
    return _("account %(id)d (erased)") % {"id": actor}


def with_actor_names(entries: Iterable[ChangeLogEntry]) -> list[ChangeLogEntry]:
    rows = list(entries)
    names = account_names(e.actor for e in rows)
    for e in rows:
        e.actor_name = actor_text(e.actor, names)  # type: ignore[attr-defined]
    return rows


def actors_of(municipality: Municipality) -> list[tuple[int, str]]:
    """The accounts that appear in the municipality's log, for the filter."""
    found = ChangeLogEntry.objects.filter(municipality=municipality).values_list("actor", flat=True)
    ids = sorted({i for i in found.distinct() if i is not None})
    names = account_names(ids)
    return [(i, actor_text(i, names)) for i in ids]


def _model(key: str) -> type[models.Model] | None:
    try:
        return apps.get_model(key)
    except (LookupError, ValueError):
        return None


# Models declared without a verbose name (their class name is English): (singular, plural).
TYPE_NAMES = {
    "footprint.ruleset": (gettext_lazy("Rule set"), gettext_lazy("Rule sets")),
    "footprint.factorset": (gettext_lazy("Factor set"), gettext_lazy("Factor sets")),
    "footprint.columnmapping": (gettext_lazy("Column mapping"), gettext_lazy("Column mappings")),
    "footprint.ledger": (gettext_lazy("Ledger"), gettext_lazy("Ledgers")),
    "footprint.ledgerimport": (gettext_lazy("Ledger import"), gettext_lazy("Ledger imports")),
    "investments.measureimport": (gettext_lazy("Measure import"), gettext_lazy("Measure imports")),
    "plans.actionimport": (gettext_lazy("Action import"), gettext_lazy("Action imports")),
    "jobs.job": (gettext_lazy("Background job"), gettext_lazy("Background jobs")),
    "jobs.workerheartbeat": (
        gettext_lazy("Background worker heartbeat"),
        gettext_lazy("Background worker heartbeats"),
    ),
    "jobs.scheduledrun": (gettext_lazy("Scheduled run"), gettext_lazy("Scheduled runs")),
    "footprint.rule": (gettext_lazy("Classification rule"), gettext_lazy("Classification rules")),
    "footprint.emissionfactor": (gettext_lazy("Emission factor"), gettext_lazy("Emission factors")),
    "footprint.activityrecord": (gettext_lazy("Activity data"), gettext_lazy("Activity data")),
    "emissions.sectorkey": (gettext_lazy("Sector key"), gettext_lazy("Sector keys")),
    "emissions.emissionvalue": (gettext_lazy("Emission value"), gettext_lazy("Emission values")),
}


def type_name(key: str, plural: bool = False) -> str:
    """An object type ("plans.action") in words ("Aktivitet")."""
    if key in TYPE_NAMES:
        return str(TYPE_NAMES[key][1 if plural else 0])
    model = _model(key)
    if model is None:
        return key
    name = model._meta.verbose_name_plural if plural else model._meta.verbose_name
    text = str(name)
    return text[:1].upper() + text[1:]


def object_types() -> list[tuple[str, str]]:
    """Every type the log may hold, by name, for the filter."""
    keys = {model_key(m) for m in audited_models()}
    keys |= set(ChangeLogEntry.objects.values_list("object_type", flat=True).distinct())
    return sorted(((k, type_name(k)) for k in keys), key=lambda kv: kv[1].lower())


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:
        return None
    return field if isinstance(field, models.Field) else None


# Names of the keys of services' summaries, and of fields declared without a verbose name.
SUMMARY_NAMES = {
    "filename": gettext_lazy("File"),
    "file": gettext_lazy("File"),
    "rows": gettext_lazy("Rows"),
    "created": gettext_lazy("New"),
    "updated": gettext_lazy("Updated"),
    "ledger": gettext_lazy("Ledger"),
    "plan": gettext_lazy("Plan"),
    "scope": gettext_lazy("Organisational scope"),
    "year": gettext_lazy("Year"),
    "records": gettext_lazy("Records"),
    "rules": gettext_lazy("Rules"),
    "factors": gettext_lazy("Factors"),
    "name": gettext_lazy("Name"),
    "ledgers_now_use": gettext_lazy("Ledgers now use"),
    "actions_removed": gettext_lazy("Actions removed"),
    "measures_removed": gettext_lazy("Measures removed"),
    "sha256": gettext_lazy("Content hash"),
    "imported_by": gettext_lazy("Imported by"),
    "created_by": gettext_lazy("Started by"),
    "user": gettext_lazy("Account"),
    "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"),
    "stage": gettext_lazy("Stage"),
    "language": gettext_lazy("Language"),
    "summary": gettext_lazy("Summary"),
    "is_active": gettext_lazy("Active"),
    "is_staff": gettext_lazy("Staff status"),
    "is_superuser": gettext_lazy("Superuser"),
    "password": gettext_lazy("Password"),
    "order": gettext_lazy("Order"),
    "gas": gettext_lazy("Gas"),
    "text": gettext_lazy("Text"),
    "html_sv": gettext_lazy("Report text (Swedish)"),
    "html_en": gettext_lazy("Report text (English)"),
    "encoding": gettext_lazy("Character encoding"),
    "delimiter": gettext_lazy("Column separator"),
    "rows_read": gettext_lazy("Rows read"),
    "files_done": gettext_lazy("Files done"),
    "files_total": gettext_lazy("Files"),
    "problems": gettext_lazy("Problems"),
    "result_url": gettext_lazy("Result"),
    "output_name": gettext_lazy("Document"),
    "output_type": gettext_lazy("Document type"),
    "task_id": gettext_lazy("Task"),
    "created_at": gettext_lazy("Created"),
    "imported_at": gettext_lazy("Imported"),
}


def field_name(model: type[models.Model] | None, name: str) -> str:
    if name == REMOVED_WITH:
        return _("Also removed")
    field = _field(model, name)
    declared = field is not None and str(field.verbose_name) != name.replace("_", " ")
    if name in SUMMARY_NAMES and not declared:
        return str(SUMMARY_NAMES[name])
    if field is not None:
        text = str(field.verbose_name)
        related = field.related_model
        if not declared and related is not None and not isinstance(related, str):
            text = str(related._meta.verbose_name)  # a reference named after what it points to
        return text[:1].upper() + text[1:]
    if "." in name:  # the other side of a many-to-many link
        return type_name(name, plural=True)
    return name.replace("_", " ").capitalize()


def value_text(model: type[models.Model] | None, name: str, value: Any) -> str:
    """A recorded value in the interface language's format."""
    if value is None or value == "":
        return "–"
    if value == HIDDEN:
        return _("changed (not recorded)")
    if name == REMOVED_WITH and isinstance(value, dict):
        return ", ".join(f"{type_name(k, plural=True)}: {n}" for k, n in sorted(value.items()))
    field = _field(model, name)
    if field is not None and field.choices and not field.is_relation:
        display = dict(field.flatchoices).get(value)
        if display is not None:
            return str(display)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(formats.number_format(value, force_grouping=True))
    if isinstance(value, float):
        return str(formats.number_format(value, force_grouping=True))
    if isinstance(value, list):
        return "; ".join(value_text(None, "", v) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(None, '', v)}" for k, v in value.items())
    text = str(value)
    if isinstance(field, models.DateTimeField) and (moment := parse_datetime(text)):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return str(formats.date_format(moment, "SHORT_DATETIME_FORMAT"))
    if isinstance(field, models.DateField) and (day := parse_date(text)):
        return str(formats.date_format(day, "SHORT_DATE_FORMAT"))
    if isinstance(field, models.DecimalField):
        try:
            return str(formats.number_format(decimal.Decimal(text), force_grouping=True))
        except decimal.InvalidOperation:
            return text
    if field is not None and field.is_relation and text.isdigit() and _is_account(field):
        return _("account %(id)s") % {"id": text}
    return text


def _is_account(field: models.Field[Any, Any]) -> bool:
    from klimatkontrakt.audit.values import is_account

    return is_account(field)


def changes_of(entry: ChangeLogEntry) -> list[FieldChange]:
    """An entry's fields, each with its value before and after, in words."""
    model = _model(entry.object_type)
    names = list(dict.fromkeys([*entry.before, *entry.after]))
    return [
        FieldChange(
            field_name(model, n),
            value_text(model, n, entry.before.get(n)) if n in entry.before else "",
            value_text(model, n, entry.after.get(n)) if n in entry.after else "",
        )
        for n in names
    ]


def entries_of_account(actor: int) -> QuerySet[ChangeLogEntry]:
    return ChangeLogEntry.objects.filter(actor=actor).select_related("municipality")
