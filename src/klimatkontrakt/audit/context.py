"""Who is writing now: the person behind the current request (or task), for the change log.

`AuditMiddleware` opens a scope for every request; the model signals (audit/signals.py) record
a write only inside a scope whose actor is a signed-in account. Work without a person — commands,
the demo loader, scheduled tasks — has no scope and is recorded only where a service calls
`log_change` itself (as the system, with no account). A task a person started may run in their
name with `acting_as(user)`.

Inside `quiet()` the signals record nothing: a service that writes many rows at once (an import,
the undo of one) records one summary entry with `log_change` instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from klimatkontrakt.organisations.access import recorded_account


@dataclass
class Scope:
    user: Any  # the request's user (resolved lazily, after authentication), or a user
    quiet: int = 0
    # The entry each object got in this scope: a second save of it adds to the same entry.
    entries: dict[tuple[str, str], Any] = field(default_factory=dict)
    # Objects a service logged itself: the signals leave them alone.
    logged: set[tuple[str, str]] = field(default_factory=set)
    # The stored row of an object being saved, read just before the save (by id of instance).
    old_rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Rows deleted along with an object (by id of the object whose delete started it).
    cascaded: dict[int, Counter[str]] = field(default_factory=dict)
    # The municipality and text of a row being deleted, read before the delete (by id of instance).
    municipalities: dict[int, Any] = field(default_factory=dict)
    # The related objects' texts before a many-to-many change (by instance and table).
    m2m_before: dict[tuple[int, int], Any] = field(default_factory=dict)

    def actor_id(self) -> int | None:
        account = recorded_account(self.user)
        return None if account is None else int(account.pk)


_scope: ContextVar[Scope | None] = ContextVar("audit_scope", default=None)


def current() -> Scope | None:
    """The open scope, if a person is acting and the signals should record."""
    scope = _scope.get()
    if scope is None or scope.quiet:
        return None
    return scope


def any_scope() -> Scope | None:
    return _scope.get()


@contextmanager
def acting_as(user: Any) -> Iterator[Scope]:
    token = _scope.set(Scope(user))
    try:
        yield _scope.get()  # type: ignore[misc]
    finally:
        _scope.reset(token)


@contextmanager
def quiet() -> Iterator[None]:
    """No entries from the signals inside: the caller records one summary entry itself."""
    scope = _scope.get()
    if scope is None:
        yield
        return
    scope.quiet += 1
    try:
        yield
    finally:
        scope.quiet -= 1


class AuditMiddleware:
    """Opens the change log's scope for each request; the user is read when a write happens,
    so a login or logout during the request is seen."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(_RequestUser(request)):
            return self.get_response(request)


class _RequestUser:
    """The request's account as the API or the session authenticated it, read at write time."""

    def __init__(self, request: HttpRequest):
        self.request = request

    def _user(self) -> Any:
        auth = getattr(self.request, "auth", None)
        if getattr(auth, "pk", None) is not None and getattr(auth, "is_authenticated", False):
            return auth
        return getattr(self.request, "user", None)

    @property
    def pk(self) -> Any:
        return getattr(self._user(), "pk", None)

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self._user(), "is_authenticated", False))
