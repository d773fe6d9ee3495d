"""HTTP rules of the JSON API (docs/api.md, "Caching" and "Rate limits"), one middleware for
every path under `/api/` (both `/api/v1/` and `/api/`):

- Rate limits with Django's cache (no other service): a fixed window of
  `API_RATE_WINDOW_SECONDS` counted per user (a logged-in session), per token (an
  `Authorization` header, counted by its hash) or per address for anonymous use
  (`web.security.client_address`, the same address login throttling uses). Over the limit:
  429 with `Retry-After` and the `Error` body. A request the API refuses as unauthenticated
  (401) while carrying an `Authorization` header also counts against its address, and a token
  request from an address over the anonymous limit is refused too, so that invented tokens do
  not get a fresh allowance each.
- `ETag` on every successful GET/HEAD JSON answer: a strong hash of the very body this reader
  gets, so two readers who see different data get different tags and a change to data a reader
  cannot see never changes that reader's tag. `If-None-Match` with a matching tag: 304 without
  body.
- `Cache-Control: private` on answers to an authenticated request (session or token), so that a
  shared cache never keeps a municipality's unpublished data; `public` otherwise; both `no-cache`
  (always revalidate: a cheap 304). `Vary: Cookie, Authorization, Accept-Language` always.
"""

import hashlib
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext

from klimatkontrakt.web.security import client_address

API_PREFIX = "/api/"
VARY = ("Cookie", "Authorization", "Accept-Language")
# Headers a 304 keeps (RFC 9110 15.4.5): the rest of the 200's headers describe its body.
KEPT_ON_304 = ("ETag", "Cache-Control", "Vary", "Content-Location", "Expires", "Date")


def rate_limits() -> tuple[int, int, int]:
    """(authenticated, anonymous, window in seconds), from the settings."""
    return (
        int(settings.API_RATE_LIMIT_AUTHENTICATED),
        int(settings.API_RATE_LIMIT_ANONYMOUS),
        int(settings.API_RATE_WINDOW_SECONDS),
    )


def _token_hash(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    return hashlib.sha256(header.encode()).hexdigest()[:32] if header else None


def _is_authenticated(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _bucket(request: HttpRequest) -> tuple[str, int]:
    """The counter this request is charged to and its limit per window."""
    authenticated, anonymous, _window = rate_limits()
    if _is_authenticated(request):
        return f"user:{request.user.pk}", authenticated
    token = _token_hash(request)
    if token:
        return f"token:{token}", authenticated
    return f"addr:{client_address(request) or 'unknown'}", anonymous


def _count(name: str, now: float) -> tuple[int, int]:
    """Add one to the counter of `name` in the current window: (count, seconds left)."""
    window = rate_limits()[2]
    start = int(now // window) * window
    key = f"api-rate:{name}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        count = 1
    return count, max(1, math.ceil(start + window - now))


def _peek(name: str, now: float) -> tuple[int, int]:
    window = rate_limits()[2]
    start = int(now // window) * window
    count = cache.get(f"api-rate:{name}:{start}", 0)
    return int(count), max(1, math.ceil(start + window - now))


def too_many(limit: int, retry_after: int) -> HttpResponse:
    window = rate_limits()[2]
    detail = gettext(
        "Too many requests: at most %(limit)s per %(window)s seconds. Try again in "
        "%(retry)s seconds."
    ) % {"limit": limit, "window": window, "retry": retry_after}
    response = JsonResponse({"detail": detail, "errors": None}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:40]}"'


def _matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2), as `If-None-Match` asks for."""
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or etag in tags


def not_modified(response: HttpResponse) -> HttpResponse:
    answer = HttpResponse(status=304)
    for header in KEPT_ON_304:
        if header in response:
            answer[header] = response[header]
    answer.cookies = response.cookies
    return answer


class ApiHttpMiddleware:
    """Placed after authentication (it reads `request.user`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        now = time.time()
        name, limit = _bucket(request)
        address = f"addr:{client_address(request) or 'unknown'}"
        count, retry_after = _count(name, now)
        if name.startswith("token:"):
            anonymous = rate_limits()[1]
            address_count, address_retry = _peek(address, now)
            if address_count > anonymous and count <= limit:
                count, limit, retry_after = address_count, anonymous, address_retry
        if count > limit:
            response = too_many(limit, retry_after)
        else:
            response = self.get_response(request)
            if response.status_code == 401 and name.startswith("token:"):
                _count(address, now)
        authenticated = _is_authenticated(request) or _token_hash(request) is not None
        patch_vary_headers(response, VARY)
        if authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif "private" not in response.get("Cache-Control", ""):
            patch_cache_control(response, public=True, no_cache=True)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("application/json")
        ):
            response["ETag"] = etag_of(response.content)
            if _matches(request.META.get("HTTP_IF_NONE_MATCH", ""), response["ETag"]):
                return not_modified(response)
        return response
