"""What the change log keeps of a row: its fields as short JSON values, without secrets or names.

The exclusion lists are the documented rule (docs/organisations.md, "The change log"):
- `HIDDEN_FIELDS` and every e-mail field: a change is noted ("not recorded"), never its value —
  password hashes, tokens, people's names and e-mail addresses, so that a GDPR erasure is not
  undone by the history;
- `IGNORED_FIELDS` and automatic timestamps: not noted at all (a login or a save that only
  moves `updated` is no change);
- a reference to an account is kept as its id, the pseudonym the log's actor also uses.
"""

from __future__ import annotations

import datetime
import decimal
import json
from typing import Any

from django.conf import settings
from django.db import models

HIDDEN = "***"  # the value of a hidden field that changed
TEXT_LIMIT = 500  # characters of a text value kept
JSON_LIMIT = 2000  # characters of a JSON value kept; a longer one is summarised

# Field names hidden on every model, and per model ("app_label.model").
SECRET_NAMES = ("password", "token", "secret", "session")
HIDDEN_FIELDS = {"email", "first_name", "last_name", "username"}
HIDDEN_BY_MODEL = {
    "plans.action": {"contact_name", "contact_email"},
    "plans.actionplan": {"owner_name"},
    "contracts.party": {"signatory_name"},
    "goals.goalperson": {"name", "email"},
    # A proposal's text may hold personal data until moderation removes it.
    "engagement.proposal": {
        "text",
        "original_text",
        "contact_name",
        "contact_email",
        "contact_phone",
    },
}
IGNORED_FIELDS = {"last_login", "date_joined"}
# Models whose text (`str`) may name a person: their entries are labelled by type and id.
UNNAMED_MODELS = {"auth.user", "goals.goalperson", "organisations.membership"}


def model_key(model: models.Model | type[models.Model]) -> str:
    return model._meta.label_lower


def is_hidden(model: type[models.Model], field: models.Field[Any, Any]) -> bool:
    name = field.name
    return (
        name in HIDDEN_FIELDS
        or name in HIDDEN_BY_MODEL.get(model_key(model), ())
        or isinstance(field, models.EmailField)
        or any(secret in name for secret in SECRET_NAMES)
    )


def is_ignored(field: models.Field[Any, Any]) -> bool:
    return (
        field.name in IGNORED_FIELDS
        or bool(getattr(field, "auto_now", False))
        or bool(getattr(field, "auto_now_add", False))
        or isinstance(field, models.AutoField)
    )


def recorded_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The concrete fields the log looks at (hidden ones included, to note their change)."""
    return [f for f in model._meta.concrete_fields if not is_ignored(f)]


def is_account(field: models.Field[Any, Any]) -> bool:
    related = field.related_model
    return (
        related is not None
        and not isinstance(related, str)
        and (related._meta.label == settings.AUTH_USER_MODEL)
    )


def plain(value: Any) -> Any:
    """A JSON-safe, short form of a field's value."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, str):
        return value if len(value) <= TEXT_LIMIT else value[:TEXT_LIMIT] + "…"
    if isinstance(value, bytes | memoryview):
        return f"[{len(value)} bytes]"
    if isinstance(value, list | tuple | dict):
        text = json.dumps(value, default=str, ensure_ascii=False)
        if len(text) <= JSON_LIMIT:
            return json.loads(text)
        return f"[{len(value)} items]"
    name = getattr(value, "name", None)  # a FieldFile
    if isinstance(name, str):
        return name
    return plain(str(value))


def raw_values(instance: models.Model, fields: list[models.Field[Any, Any]]) -> dict[str, Any]:
    """The fields' stored values (foreign keys as ids), as the database row holds them."""
    return {f.name: getattr(instance, f.attname) for f in fields}


def related_label(field: models.Field[Any, Any], pk: Any) -> Any:
    """A reference as the text of what it points to (an account as its id only)."""
    if pk is None or is_account(field):
        return pk
    model = field.related_model
    assert model is not None and not isinstance(model, str)
    target = model._base_manager.filter(pk=pk).first()
    return plain(str(target)) if target is not None else pk


def normal(field: models.Field[Any, Any], value: Any) -> Any:
    """The value as the database gives it back (a form may have set "1.50" on a Decimal)."""
    if field.is_relation or value is None:
        return value
    try:
        return field.to_python(value)
    except Exception:  # a value the field cannot read is compared as it is
        return value


def shown(model: type[models.Model], field: models.Field[Any, Any], value: Any) -> Any:
    if is_hidden(model, field):
        return HIDDEN
    if field.is_relation:
        return related_label(field, value)
    return plain(value)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """A new row: its non-empty fields."""
    model = type(instance)
    values = raw_values(instance, recorded_fields(model))
    return {
        f.name: shown(model, f, values[f.name])
        for f in recorded_fields(model)
        if values[f.name] not in (None, "", [], {}) and not is_hidden(model, f)
    }


def diff(
    model: type[models.Model], old: dict[str, Any], new: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) of the fields whose stored value changed between two raw rows."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for f in recorded_fields(model):
        if f.name not in old or f.name not in new:
            continue
        was, now = normal(f, old[f.name]), normal(f, new[f.name])
        if was == now:
            continue
        before[f.name] = shown(model, f, was)
        after[f.name] = shown(model, f, now)
    return before, after
