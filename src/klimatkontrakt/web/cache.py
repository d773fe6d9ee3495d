"""Cached page content: what only changes with a new release, an import or an edit.

A heavy page (emissions, footprint, investment plan ...) keeps the rendered HTML of its content
(charts, tables, figures) in Django's cache, under a key made of
- the page and its own parameters (release, method, year ...),
- the municipality's data version and the national data version,
- the interface language and today's date,
- the reader: "public" (anyone who sees only what is published), "shared" (staff of the
  programme office and the agencies, who also see what the city shared with them) or "member"
  (a member of the municipality, who also sees its drafts). Editors' pages carry edit links
  and forms with their CSRF token: they are never cached, always computed.
The page around the content (navigation with the user's name, language form, CSRF token) is
rendered for each request.

A data version is a random token in the "versions" cache. Every write to one of the project's
models (post_save, post_delete, m2m_changed) gives the municipality concerned a new token, and an
object without a municipality (an SMHI release, the shipped factor set) gives the national token
a new value, which changes every municipality's keys. The token changes at once and again when
the transaction commits, so that a page computed while the write was in progress is not kept.
Bulk writes that send no signals (bulk_create, QuerySet.update) happen in the same transaction as
a save of their parent (a release, a ledger, an import record), which does. See docs/decisions.md,
"Page cache".
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from django.apps import apps
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from klimatkontrakt.organisations.access import WRITE_ROLES, is_national_staff, role_in

NATIONAL = "national"
PUBLIC, SHARED, MEMBER = "public", "shared", "member"
# Tables of many rows written in bulk with their parent, which carries the version change; a
# signal receiver on them would also stop Django's fast delete of a release's values.
BULK_ROWS = {"emissions.EmissionValue", "emissions.SectorKey"}
# Rows that pages about all municipalities list (their names, counties, contract flags).
LISTED_IN_NATIONAL_PAGES = {"organisations.Municipality", "organisations.County"}
# Work records that change no page content (task progress, the audit trail).
NOT_CONTENT_APPS = {"jobs", "audit"}


def _versions() -> Any:
    return caches["versions"]


def _key(scope: int | str) -> str:
    return f"kk:data-version:{scope}"


def _new_token(scope: int | str) -> None:
    _versions().set(_key(scope), uuid.uuid4().hex, timeout=None)


def data_version(municipality_id: int) -> str:
    """The municipality's data version and the national one, as one string."""
    keys = [_key(municipality_id), _key(NATIONAL)]
    found = _versions().get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:  # first use, or the versions cache was emptied: a new token
            _versions().add(key, uuid.uuid4().hex, timeout=None)
            token = _versions().get(key, "")
        tokens.append(token)
    return ":".join(tokens)


def bump(municipality_id: int | None, using: str = DEFAULT_DB_ALIAS) -> None:
    """The municipality's cached content (every municipality's, for None) is out of date."""
    scope: int | str = NATIONAL if municipality_id is None else municipality_id
    _new_token(scope)
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    pending: set[int | str] = connection.__dict__.setdefault("_kk_cache_pending", set())
    registered = (getattr(entry[1], "func", None) for entry in connection.run_on_commit)
    if _flush_pending not in registered:
        pending.clear()  # a rolled-back transaction's callback is gone: start again
        transaction.on_commit(functools.partial(_flush_pending, using), using=using)
    pending.add(scope)


def _flush_pending(using: str) -> None:
    pending: set[int | str] = connections[using].__dict__.get("_kk_cache_pending", set())
    for scope in list(pending):
        _new_token(scope)
    pending.clear()


def reader(user: Any, municipality: Any) -> str | None:
    """Who reads, as far as the content differs: PUBLIC, SHARED, MEMBER, or None for an
    editor."""
    role = role_in(user, municipality)
    if role is None:
        return SHARED if is_national_staff(user) else PUBLIC
    return None if role in WRITE_ROLES else MEMBER


def cached_html(
    request: Any, municipality: Any, name: str, render: Callable[[], str], *parts: Any
) -> SafeString:
    """The page content `render()` returns, from the cache when this reader, language and data
    version had it. `parts` are the page's own parameters (validated values, not raw input)."""
    who = reader(request.user, municipality)
    if who is None:
        return mark_safe(render())  # noqa: S308 - our own rendered template
    raw = "|".join(
        [name, str(municipality.pk), data_version(municipality.pk), get_language() or "", who]
        # Figures counted to today (a budget's remainder, "as of") are computed again each day.
        + [date.today().isoformat()]
        + [repr(p) for p in parts]
    )
    return _cached(raw, render)


def _cached(raw: str, render: Callable[[], str]) -> SafeString:
    key = "kk:page:" + hashlib.sha256(raw.encode()).hexdigest()
    html = _recent.get(key)
    if html is not None:
        _recent.move_to_end(key)
    else:
        cache = caches["default"]
        html = cache.get(key)
        if html is None:
            html = str(render())
            cache.set(key, html)
        _remember(key, html)
    return mark_safe(html)  # noqa: S308 - our own rendered template, stored by us


def national_version() -> str:
    """The national data version alone: a release, an import of national files."""
    key = _key(NATIONAL)
    token = _versions().get(key)
    if token is None:
        _versions().add(key, uuid.uuid4().hex, timeout=None)
        token = _versions().get(key, "")
    return str(token)


def cached_national_html(
    request: Any, name: str, render: Callable[[], str], *parts: Any
) -> SafeString:
    """Content of a page about all municipalities that shows only public figures (the national
    comparison): the same for every reader, kept per national data version, language and day.
    A write to a municipality's own row (its name, contract flag) also changes the national
    version (`_changed`), since such a page lists every municipality."""
    raw = "|".join(
        [name, national_version(), get_language() or "", date.today().isoformat()]
        + [repr(p) for p in parts]
    )
    return _cached(raw, render)


# Values about all municipalities this process computed last, per national data version.
_national_values: OrderedDict[str, Any] = OrderedDict()
NATIONAL_VALUES_KEPT = 8


def national_value(name: str, compute: Callable[[], Any], *parts: Any) -> Any:
    """A value computed from national data only (the comparison of all municipalities), kept in
    this process until the national data version, the language or the day changes. The caller
    treats it as read-only: every reader gets the same object."""
    raw = "|".join(
        [name, national_version(), get_language() or "", date.today().isoformat()]
        + [repr(p) for p in parts]
    )
    if raw in _national_values:
        _national_values.move_to_end(raw)
        return _national_values[raw]
    value = compute()
    _national_values[raw] = value
    while len(_national_values) > NATIONAL_VALUES_KEPT:
        _national_values.popitem(last=False)
    return value


# The pieces this process served last, in front of the shared cache: a key names a data version,
# so a remembered piece is never out of date; it saves reading and unpacking the file (the
# follow-up report's content is about 1 MB).
_recent: OrderedDict[str, str] = OrderedDict()
RECENT_CHARACTERS = 32_000_000


def _remember(key: str, html: str) -> None:
    _recent[key] = html
    total = sum(len(v) for v in _recent.values())
    while total > RECENT_CHARACTERS and len(_recent) > 1:
        _old_key, old = _recent.popitem(last=False)
        total -= len(old)


# ---- which municipality a write concerns -------------------------------------------------------

_UNKNOWN = object()


def municipality_of(obj: models.Model, depth: int = 0) -> Any:
    """The id of the municipality an object belongs to, None for national data, or _UNKNOWN."""
    from klimatkontrakt.organisations.models import Municipality, Organisation

    if isinstance(obj, Municipality):
        return obj.pk
    if isinstance(obj, Organisation):
        found = Municipality.objects.filter(organisation_id=obj.pk).values_list("pk", flat=True)
        return found.first()
    if any(f.attname == "municipality_id" for f in obj._meta.concrete_fields):
        return obj.municipality_id  # type: ignore[attr-defined]
    if depth < 3:
        for field in obj._meta.concrete_fields:
            if not field.many_to_one or not _is_ours(field.related_model):
                continue
            try:
                parent = getattr(obj, field.name)
            except models.ObjectDoesNotExist:  # deleted with it
                continue
            if parent is not None:
                found = municipality_of(parent, depth + 1)
                if found is not _UNKNOWN:
                    return found
    return _UNKNOWN


def _is_ours(model: Any) -> bool:
    return isinstance(model, type) and model.__module__.startswith("klimatkontrakt.")


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures and restores load rows as they were
        bump(None, kwargs.get("using") or DEFAULT_DB_ALIAS)
        return
    found = municipality_of(instance)
    using = kwargs.get("using") or DEFAULT_DB_ALIAS
    if sender._meta.label in LISTED_IN_NATIONAL_PAGES:
        bump(None, using)
    bump(None if found is _UNKNOWN else found, using)


def _m2m_changed(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        _changed(type(instance), instance, using=kwargs.get("using"))


def content_models() -> list[type[models.Model]]:
    """The project's models whose rows a page may show."""
    out = []
    for config in apps.get_app_configs():
        if not config.name.startswith("klimatkontrakt.") or config.label in NOT_CONTENT_APPS:
            continue
        for model in config.get_models():
            if f"{model._meta.app_label}.{model.__name__}" not in BULK_ROWS:
                out.append(model)
    return out


def connect() -> None:
    """Called once from the web app's ready()."""
    for model in content_models():
        uid = f"kk-cache-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )
