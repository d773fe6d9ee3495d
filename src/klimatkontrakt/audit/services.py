"""The writes of the change log: `log_change`, which a service calls for a summary of many rows
(an import, the undo of one), and `record`, which the model signals call for every other write."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models

from klimatkontrakt.audit import context
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.values import UNNAMED_MODELS, model_key
from klimatkontrakt.organisations.access import recorded_account
from klimatkontrakt.organisations.models import Municipality, Organisation


def object_type(obj: models.Model | type[models.Model]) -> str:
    return model_key(obj)


def label_of(obj: models.Model) -> str:
    """The object as the log names it; a row that may name a person by its type and id."""
    if model_key(obj) not in UNNAMED_MODELS:
        try:
            return str(obj)[:300]
        except models.ObjectDoesNotExist:  # its text needs a row deleted before it
            pass
    return f"{obj._meta.verbose_name} #{obj.pk}"


def actor_of(user: Any) -> int | None:
    """The account id to record: a stored, signed-in account; None for the system."""
    account = recorded_account(user)
    return None if account is None else int(account.pk)


@cache
def _path_to_municipality(model: type[models.Model]) -> tuple[str, ...] | None:
    """The shortest chain of foreign keys from `model` to a municipality or organisation."""
    queue: list[tuple[type[models.Model], tuple[str, ...]]] = [(model, ())]
    seen = {model}
    while queue:
        current, path = queue.pop(0)
        if len(path) > 4:
            return None
        for f in current._meta.concrete_fields:
            target = f.related_model
            if not f.many_to_one and not f.one_to_one or target is None or isinstance(target, str):
                continue
            if target in (Municipality, Organisation):
                return (*path, f.name)
            if target not in seen:
                seen.add(target)
                queue.append((target, (*path, f.name)))
    return None


def municipality_of(obj: models.Model) -> Municipality | None:
    """The municipality a row belongs to, found through its foreign keys; None for shared rows."""
    if isinstance(obj, Municipality):
        return obj
    if isinstance(obj, Organisation):
        return Municipality.objects.filter(organisation=obj).first()
    path = _path_to_municipality(type(obj))
    if path is None:
        return None
    target: Any = obj
    try:
        for name in path:
            target = getattr(target, name)
            if target is None:
                return None
    except models.ObjectDoesNotExist:
        return None
    if isinstance(target, Organisation):
        return Municipality.objects.filter(organisation=target).first()
    return target if isinstance(target, Municipality) else None


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
    entry and the change stand or fall together. The system actor is recorded as no one.
    The model signals then leave `obj` alone for the rest of the request."""
    scope = context.any_scope()
    if scope is not None:
        scope.logged.add((object_type(obj), str(obj.pk)))
    return ChangeLogEntry.objects.create(
        municipality=municipality,
        actor=actor_of(user),
        action=action,
        object_type=object_type(obj),
        object_id=str(obj.pk),
        label=(label or label_of(obj))[:300],
        before=before or {},
        after=after or {},
    )


def record(
    scope: context.Scope,
    action: str,
    obj: models.Model,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    municipality: Municipality | None = None,
    label: str = "",
    pk: Any = None,
) -> None:
    """One write seen by the signals: a second write of the same object in the same request
    joins its entry (a form's save and its many-to-many save are one change)."""
    key = (object_type(obj), str(obj.pk if pk is None else pk))
    if key in scope.logged:
        return
    earlier = scope.entries.get(key)
    if earlier is not None and action == ChangeLogEntry.Action.UPDATED:
        created = earlier.action == ChangeLogEntry.Action.CREATED
        merged_before = {} if created else {**before, **earlier.before}
        merged_after = {**earlier.after, **after}
        if ChangeLogEntry.objects.filter(pk=earlier.pk).update(
            before=merged_before, after=merged_after
        ):
            earlier.before, earlier.after = merged_before, merged_after
            return
    if action == ChangeLogEntry.Action.UPDATED and not before and not after:
        return
    scope.entries[key] = ChangeLogEntry.objects.create(
        municipality=municipality if municipality is not None else municipality_of(obj),
        actor=scope.actor_id(),
        action=action,
        object_type=key[0],
        object_id=key[1],
        label=label or label_of(obj),
        before=before,
        after=after,
    )
