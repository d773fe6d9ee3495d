"""HTTP client for the funders' calls: Vinnova's open data and the agencies' common API.

Vinnova (data.vinnova.se/api): ``/utlysningar/{YYYY-MM-DD}`` and
``/ansokningsomgangar/{YYYY-MM-DD}`` list what changed since that date, as JSON lists.
The common API: ``/utlysningar?offset=N&limit=M`` with the total in the ``x-totalrecords``
header and the key in the ``x-api-key`` header. The fields each reader expects, and what was
assumed where the published description is silent, are in docs/funding.md ("Calls").

Responses are cached on disk, one file per URL, and reused until they are ``max_age`` old; a
failure names the URL and says plainly when the machine seems to be offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.sources.calls import CallRecord, common_calls, parse_vinnova
from klimatkontrakt.sources.errors import SourceError

DEFAULT_VINNOVA_URL = "https://data.vinnova.se/api"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_AGE = 6 * 3600.0
PAGE_SIZE = 500
MAX_PAGES = 200
USER_AGENT = "klimatkontrakt (+https://github.com/klimatkontrakt)"


class CallsFetchError(Exception):
    """A request for calls failed; names the URL and the cause."""

    def __init__(self, url: str, cause: str) -> None:
        self.url = url
        self.cause = cause
        super().__init__(
            _("Fetching calls failed for %(url)s: %(cause)s") % {"url": url, "cause": cause}
        )


@dataclass(frozen=True)
class Response:
    body: Any
    headers: dict[str, str]


class ResponseCache:
    """Responses on disk, one JSON file per URL (named by the URL's SHA-256)."""

    def __init__(self, directory: Path | str, max_age: float = DEFAULT_MAX_AGE) -> None:
        self.directory = Path(directory)
        self.max_age = max_age

    def _path(self, url: str) -> Path:
        return self.directory / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> Response | None:
        try:
            stored = json.loads(self._path(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        fetched = stored.get("fetched_at") if isinstance(stored, dict) else None
        if stored.get("url") != url or not isinstance(fetched, (int, float)):
            return None
        if time.time() - fetched > self.max_age:
            return None
        return Response(stored["body"], stored.get("headers", {}))

    def put(self, url: str, response: Response) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        record = {
            "url": url,
            "fetched_at": time.time(),
            "body": response.body,
            "headers": response.headers,
        }
        handle, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(tmp, self._path(url))


class CallsClient:
    """Reads calls from Vinnova's open data and from the common API."""

    def __init__(
        self,
        *,
        vinnova_url: str = DEFAULT_VINNOVA_URL,
        common_url: str = "",
        api_key: str = "",
        timeout: float = DEFAULT_TIMEOUT,
        cache_dir: Path | str | None = None,
        max_age: float = DEFAULT_MAX_AGE,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.vinnova_url = vinnova_url.rstrip("/")
        self.common_url = common_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.page_size = page_size
        self.cache = ResponseCache(cache_dir, max_age) if cache_dir is not None else None

    def vinnova(self, since: date) -> list[CallRecord]:
        """Vinnova's calls and rounds changed since `since`, one record per round."""
        calls_url = f"{self.vinnova_url}/utlysningar/{since.isoformat()}"
        rounds_url = f"{self.vinnova_url}/ansokningsomgangar/{since.isoformat()}"
        calls = self._get(calls_url).body
        rounds = self._get(rounds_url).body
        return parse_vinnova(
            json.dumps(calls).encode(), json.dumps(rounds).encode(), calls_url, rounds_url
        )

    def common(self, funder: str | None = None) -> list[CallRecord]:
        """Every call of the common API (over all pages); only `funder`'s when given."""
        if not self.common_url:
            raise CallsFetchError("-", _("no address is configured for the common API"))
        out: list[CallRecord] = []
        offset = 0
        for _page in range(MAX_PAGES):
            query = urllib.parse.urlencode({"offset": offset, "limit": self.page_size})
            url = f"{self.common_url}/utlysningar?{query}"
            response = self._get(url)
            if not isinstance(response.body, list):
                raise CallsFetchError(url, _("the answer is not a JSON list"))
            try:
                out.extend(common_calls(response.body, url, first_row=offset + 1))
            except SourceError as exc:
                raise CallsFetchError(url, "; ".join(exc.messages)) from exc
            total = _total(response.headers.get("x-totalrecords"), url)
            offset += len(response.body)
            if not response.body or offset >= total:
                break
        else:
            raise CallsFetchError(url, _("more than %(n)s pages") % {"n": MAX_PAGES})
        if funder:
            wanted = funder.casefold()
            out = [r for r in out if r.funder.casefold() == wanted]
        return out

    def _get(self, url: str) -> Response:
        if self.cache is not None:
            cached = self.cache.get(url)
            if cached is not None:
                return cached
        response = self._fetch(url)
        if self.cache is not None:
            self.cache.put(url, response)
        return response

    def _fetch(self, url: str) -> Response:
        if not url.startswith(("http://", "https://")):
            raise CallsFetchError(url, _("only http and https addresses are supported"))
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if self.api_key and url.startswith(self.common_url or "\0"):
            headers["x-api-key"] = self.api_key
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - scheme checked above
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                raw = answer.read()
                found = {k.lower(): v for k, v in answer.headers.items()}
        except urllib.error.HTTPError as exc:
            raise CallsFetchError(url, f"HTTP {exc.code} {exc.reason}") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise CallsFetchError(
                    url, _("no answer within %(s)s s") % {"s": f"{self.timeout:g}"}
                ) from exc
            raise CallsFetchError(
                url,
                _("cannot reach the server (%(reason)s); is the machine offline?")
                % {"reason": exc.reason},
            ) from exc
        except TimeoutError as exc:
            raise CallsFetchError(
                url, _("no answer within %(s)s s") % {"s": f"{self.timeout:g}"}
            ) from exc
        except OSError as exc:
            raise CallsFetchError(
                url,
                _("the connection failed (%(reason)s); is the machine offline?") % {"reason": exc},
            ) from exc
        try:
            body = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise CallsFetchError(
                url, _("the answer is not JSON (%(error)s)") % {"error": exc}
            ) from exc
        return Response(body, {"x-totalrecords": found.get("x-totalrecords", "")})


def _total(value: str | None, url: str) -> int:
    try:
        total = int(value or "")
    except ValueError as exc:
        raise CallsFetchError(
            url, _("the x-totalrecords header is missing or not a number")
        ) from exc
    if total < 0:
        raise CallsFetchError(url, _("the x-totalrecords header is negative"))
    return total
