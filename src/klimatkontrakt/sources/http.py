"""Fetching JSON from the outside sources, and the disk cache of their answers.

One home for what the Kolada, funders' API and calls clients need: a GET with a timeout and the
project's User-Agent, a body that must be JSON, and every failure raised as the caller's own
error with the caller's own wording (`Wording`), so each client keeps its messages and language.

The cache keeps one JSON file per URL, named by the URL's SHA-256, holding the body, the response
headers the caller kept (never the request's, so never an API key) and the fetch time. A file is
written beside its place and renamed, so a reader never sees half a file, and is used until it is
`max_age` seconds old.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

USER_AGENT = "klimatkontrakt (+https://github.com/klimatkontrakt)"


@dataclass(frozen=True)
class Response:
    """A JSON answer: its URL, body, the kept response headers (lower-case names) and when it
    was fetched (from the cache: when it was first fetched)."""

    url: str
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def _status(code: int, reason: str) -> str:
    return f"HTTP {code} {reason}"


@dataclass(frozen=True)
class Wording:
    """The caller's message for each kind of failure. Functions, not strings, so a translated
    message is made in the language active when the failure happens."""

    bad_scheme: Callable[[], str]
    timed_out: Callable[[float], str]  # the timeout in seconds
    unreachable: Callable[[object], str]  # the reason urllib gives (refused, no such host...)
    connection_failed: Callable[[OSError], str]  # the connection broke some other way
    not_json: Callable[[ValueError], str]
    http_status: Callable[[int, str], str] = _status  # status code and reason


ErrorType = Callable[[str, str], Exception]  # the caller's error, built from (url, cause)


def fetch_json(
    url: str,
    *,
    timeout: float,
    error: ErrorType,
    wording: Wording,
    headers: Mapping[str, str] | None = None,
    keep_headers: Iterable[str] = (),
    encoding: str = "utf-8",
) -> Response:
    """GET `url` and parse its body as JSON. Any failure raises `error(url, cause)` with the
    cause in `wording`. `keep_headers` names the response headers to return."""
    if not url.startswith(("http://", "https://")):
        raise error(url, wording.bad_scheme())
    sent = {"Accept": "application/json", "User-Agent": USER_AGENT, **(headers or {})}
    request = urllib.request.Request(url, headers=sent)  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            raw = answer.read()
            kept = {name.lower(): answer.headers.get(name) for name in keep_headers}
    except urllib.error.HTTPError as exc:
        raise error(url, wording.http_status(exc.code, str(exc.reason))) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise error(url, wording.timed_out(timeout)) from exc
        raise error(url, wording.unreachable(exc.reason)) from exc
    except TimeoutError as exc:
        raise error(url, wording.timed_out(timeout)) from exc
    except OSError as exc:
        raise error(url, wording.connection_failed(exc)) from exc
    try:
        body = json.loads(raw.decode(encoding))
    except ValueError as exc:  # UnicodeDecodeError is a ValueError
        raise error(url, wording.not_json(exc)) from exc
    found = {name: value for name, value in kept.items() if value is not None}
    return Response(url, body, found)


class ResponseCache:
    """Answers on disk, one JSON file per URL (named by the URL's SHA-256)."""

    def __init__(self, directory: Path | str, max_age: float) -> None:
        self.directory = Path(directory)
        self.max_age = max_age

    def path(self, url: str) -> Path:
        return self.directory / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> Response | None:
        """The stored answer for `url`, or None when there is none, it is older than
        `max_age`, or the file is not one this cache wrote."""
        try:
            stored = json.loads(self.path(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or stored.get("url") != url or "body" not in stored:
            return None
        fetched = stored.get("fetched_at")
        if isinstance(fetched, bool) or not isinstance(fetched, int | float):
            return None
        if time.time() - fetched > self.max_age:
            return None
        headers = stored.get("headers")
        return Response(
            url,
            stored["body"],
            dict(headers) if isinstance(headers, dict) else {},
            datetime.fromtimestamp(fetched, UTC),
        )

    def put(self, response: Response) -> None:
        """Store `response`, replacing any earlier answer for its URL in one step."""
        self.directory.mkdir(parents=True, exist_ok=True)
        record = {
            "url": response.url,
            "fetched_at": response.fetched_at.timestamp(),
            "body": response.body,
            "headers": response.headers,
        }
        handle, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(record, out, ensure_ascii=False)
            os.replace(tmp, self.path(response.url))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def cached(cache: ResponseCache | None, url: str, fetch: Callable[[str], Response]) -> Response:
    """The cached answer for `url` if fresh, else `fetch(url)`, stored when a cache is given.
    `fetch` checks the answer's shape first, so a refused answer is never stored."""
    if cache is not None:
        hit = cache.get(url)
        if hit is not None:
            return hit
    response = fetch(url)
    if cache is not None:
        cache.put(response)
    return response
