"""API tokens: issue, list, revoke, and authenticate a request's `Authorization: Bearer` token.

A token reads `kk_<prefix>_<secret>`: the prefix (8 hex characters) finds the row, and the
SHA-256 of the whole token is compared with the stored hash in constant time. The token itself
is never stored; it is shown once, by the page or the command that creates it. A token acts as
its user, with the user's roles and no more; a `read` token makes no write at all.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.organisations.models import ApiToken

PREFIX = "kk_"
DEFAULT_DAYS = 90
MAX_DAYS = 365
# `last_used` is written at most this often per token (a busy script makes no write per call).
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class TokenError(Exception):
    """A token that cannot be used: unknown, expired or revoked (the API answers 401)."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token, to show once


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _check_input(name: str, scope: str, days: int) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise ValueError(_("Give the token a name of at most 100 characters."))
    if scope not in ApiToken.Scope.values:
        raise ValueError(_("The scope is read or write."))
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(
            _("A token is valid for 1 to %(max)d days.") % {"max": MAX_DAYS},
        )
    return name


@transaction.atomic
def create_token(
    user: Any, name: str, scope: str, days: int = DEFAULT_DAYS, *, actor: Any = None
) -> IssuedToken:
    """A new token of `user`, valid for `days` days; its secret is returned once.
    `actor` is who creates it, for the change log (the user on the page; None for a command)."""
    from klimatkontrakt.audit import context as audit
    from klimatkontrakt.audit.models import ChangeLogEntry
    from klimatkontrakt.audit.services import log_change

    name = _check_input(name, scope, days)
    while True:
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    raw = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    with audit.quiet():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            scope=scope,
            prefix=prefix,
            secret_hash=_hash(raw),
            created=now,
            expires=now + datetime.timedelta(days=days),
        )
    log_change(
        actor,
        None,
        ChangeLogEntry.Action.CREATED,
        token,
        after={
            "user": user.pk,
            "name": name,
            "scope": scope,
            "prefix": prefix,
            "expires": token.expires.isoformat(),
        },
    )
    return IssuedToken(token, raw)


@transaction.atomic
def revoke_token(token: ApiToken, *, actor: Any = None) -> ApiToken:
    """Revoke a token for good (no-op if it already is); its row stays for the list."""
    from klimatkontrakt.audit import context as audit
    from klimatkontrakt.audit.models import ChangeLogEntry
    from klimatkontrakt.audit.services import log_change

    if token.revoked is not None:
        return token
    token.revoked = timezone.now()
    with audit.quiet():
        token.save(update_fields=["revoked"])
    log_change(
        actor,
        None,
        ChangeLogEntry.Action.UPDATED,
        token,
        before={"revoked": None},
        after={"revoked": token.revoked.isoformat()},
    )
    return token


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked and expired ones included)."""
    return ApiToken.objects.filter(user=user).order_by("-created", "-pk")


def own_token(user: Any, pk: int) -> ApiToken:
    """One of the user's tokens; another user's is not found."""
    return tokens_of(user).get(pk=pk)


def authenticate(raw: str) -> ApiToken:
    """The active token `raw` is; TokenError (with a message for the client) otherwise."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or f"{parts[0]}_" != PREFIX:
        raise TokenError("Invalid API token")
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    # Compared even when no row has the prefix, so the answer takes as long either way.
    stored = token.secret_hash if token is not None else _hash("")
    if not hmac.compare_digest(stored, _hash(raw)) or token is None:
        raise TokenError("Invalid API token")
    now = timezone.now()
    if token.revoked is not None:
        raise TokenError("This API token has been revoked")
    if token.expires <= now:
        raise TokenError("This API token has expired")
    if not token.user.is_active:
        raise TokenError("The account of this API token is not active")
    if token.last_used is None or now - token.last_used >= LAST_USED_PRECISION:
        # An update, not a save: no signal, no change log entry for a mere use.
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return token


# GDPR (organisations/personal_data.py): the tokens, without their hash.
def export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": t.name,
            "scope": t.scope,
            "prefix": t.prefix,
            "created": t.created.isoformat(),
            "expires": t.expires.isoformat(),
            "last_used": t.last_used.isoformat() if t.last_used else None,
            "revoked": t.revoked.isoformat() if t.revoked else None,
        }
        for t in tokens_of(user)
    ]


def erase(user: Any) -> None:
    ApiToken.objects.filter(user=user).delete()


SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
API_PATH = "/api/"


class BearerTokenMiddleware:
    """For API requests with `Authorization: Bearer <token>`: the request's user becomes the
    token's user (so every access rule applies as to that user's session), no CSRF token is
    asked for (a browser never sends this header by itself), and a read token's writes are
    refused. An unknown, expired or revoked token is 401, a write with a read token 403, both
    with a JSON `detail`. Requests without the header are left as they are (session or none)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        scheme, _sep, raw = header.partition(" ")
        if not request.path_info.startswith(API_PATH) or scheme.lower() != "bearer":
            return self.get_response(request)
        try:
            token = authenticate(raw.strip())
        except TokenError as exc:
            response: HttpResponse = JsonResponse({"detail": str(exc)}, status=401)
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        if token.scope != ApiToken.Scope.WRITE and request.method not in SAFE_METHODS:
            return JsonResponse(
                {"detail": "This API token may only read: create one with the write scope"},
                status=403,
            )
        user = token.user
        request.user = user

        async def auser() -> Any:
            return user

        request.auser = auser
        request.api_token = token  # type: ignore[attr-defined]
        request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)
