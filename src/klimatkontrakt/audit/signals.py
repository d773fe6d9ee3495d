"""Every write of a project model by a person, recorded from Django's model signals.

Connected in AuditConfig.ready for each model of the project's apps (and the account model),
except the ones in `EXCLUDED_MODELS`. Writes outside a person's scope (audit/context.py) are not
recorded here. `QuerySet.update()` and `bulk_create()` send no signals: the services that use
them for many rows record one summary entry with `log_change`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from klimatkontrakt.audit import context, services, values
from klimatkontrakt.audit.models import ChangeLogEntry

# Not recorded one by one: change logs of their own, the worker's bookkeeping, and rows that only
# imports and commands write in bulk (their import records the summary).
EXCLUDED_MODELS = {
    "plans.followupchange",
    "contracts.commitmentchange",
    "jobs.workerheartbeat",
    "jobs.scheduledrun",
    "emissions.release",
    "emissions.sectorkey",
    "emissions.emissionvalue",
    "footprint.rule",
    "footprint.emissionfactor",
    "footprint.activityrecord",
    "engagement.intakeattempt",
}
EXCLUDED_APPS = {"audit", "followup"}
REMOVED_WITH = "_removed_with"  # the key of the rows deleted along with an object


def audited_models() -> list[type[models.Model]]:
    out = []
    for model in apps.get_models():
        config = apps.get_app_config(model._meta.app_label)
        key = values.model_key(model)
        if model._meta.label == settings.AUTH_USER_MODEL or (
            config.name.startswith("klimatkontrakt.")
            and config.label not in EXCLUDED_APPS
            and key not in EXCLUDED_MODELS
        ):
            out.append(model)
    return out


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    scope = context.current()
    if scope is None or kwargs.get("raw") or instance._state.adding or instance.pk is None:
        return
    fields = values.recorded_fields(sender)
    update_fields = kwargs.get("update_fields")
    if update_fields is not None:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
    if not fields:  # only a timestamp is saved: nothing to compare
        scope.old_rows[id(instance)] = {}
        return
    row = sender._base_manager.filter(pk=instance.pk).values(*[f.attname for f in fields]).first()
    if row is not None:
        scope.old_rows[id(instance)] = {f.name: row[f.attname] for f in fields}


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    scope = context.current()
    if scope is None or kwargs.get("raw"):
        return
    old = scope.old_rows.pop(id(instance), None)
    if created or old is None:
        services.record(
            scope, ChangeLogEntry.Action.CREATED, instance, {}, values.snapshot(instance)
        )
        return
    fields = [f for f in values.recorded_fields(sender) if f.name in old]
    before, after = values.diff(sender, old, values.raw_values(instance, fields))
    services.record(scope, ChangeLogEntry.Action.UPDATED, instance, before, after)


def _before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    scope = context.current()
    if scope is None:
        return
    origin = kwargs.get("origin")
    if isinstance(origin, models.Model) and origin is not instance:
        scope.cascaded.setdefault(id(origin), Counter())[values.model_key(sender)] += 1
        return
    # Read now: what the row refers to may be deleted before the row's own signal comes.
    scope.old_rows[id(instance)] = values.snapshot(instance)
    scope.municipalities[id(instance)] = (
        services.municipality_of(instance),
        services.label_of(instance),
    )


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    scope = context.current()
    if scope is None or id(instance) not in scope.old_rows:
        return
    before = scope.old_rows.pop(id(instance))
    cascaded = scope.cascaded.pop(id(instance), None)
    after = {REMOVED_WITH: dict(cascaded)} if cascaded else {}
    municipality, label = scope.municipalities.pop(id(instance), (None, ""))
    services.record(
        scope,
        ChangeLogEntry.Action.DELETED,
        instance,
        before,
        after,
        municipality=municipality,
        label=label,
    )


def _related_texts(instance: models.Model, through: type[models.Model]) -> Any:
    manager = _m2m_manager(instance, through)
    if manager is None:
        return None
    related = manager.model
    if values.model_key(related) in values.UNNAMED_MODELS:
        return sorted(f"#{pk}" for pk in manager.values_list("pk", flat=True))
    return sorted(str(obj)[:200] for obj in manager.all())


def _m2m_name(instance: models.Model, through: type[models.Model]) -> str:
    for f in instance._meta.many_to_many:
        if f.remote_field.through is through:  # type: ignore[union-attr]
            return f.name
    for rel in instance._meta.related_objects:
        if rel.many_to_many and rel.through is through:  # type: ignore[attr-defined]
            return values.model_key(rel.related_model)  # a model's key: shown by its plural name
    return ""


def _m2m_manager(instance: models.Model, through: type[models.Model]) -> Any:
    for f in instance._meta.many_to_many:
        if f.remote_field.through is through:  # type: ignore[union-attr]
            return getattr(instance, f.name)
    for rel in instance._meta.related_objects:
        if rel.many_to_many and rel.through is through:  # type: ignore[attr-defined]
            return getattr(instance, rel.get_accessor_name() or "")
    return None


def _m2m(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
    scope = context.current()
    if scope is None or not isinstance(instance, models.Model):
        return
    key = (id(instance), id(sender))
    if action.startswith("pre_"):
        scope.m2m_before[key] = _related_texts(instance, sender)
        return
    if key not in scope.m2m_before:
        return
    old, new = scope.m2m_before.pop(key), _related_texts(instance, sender)
    if old == new:
        return
    name = _m2m_name(instance, sender)
    services.record(scope, ChangeLogEntry.Action.UPDATED, instance, {name: old}, {name: new})


def connect() -> None:
    for model in audited_models():
        uid = f"audit:{values.model_key(model)}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid, weak=False)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid, weak=False)
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid, weak=False)
        for f in model._meta.local_many_to_many:
            through: Any = f.remote_field.through  # type: ignore[union-attr]
            m2m_changed.connect(
                _m2m, sender=through, dispatch_uid=f"audit:{through._meta.label_lower}", weak=False
            )
