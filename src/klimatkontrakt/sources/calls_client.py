"""HTTP client for the funders' calls: Vinnova's open data and the agencies' common API.

Vinnova (data.vinnova.se/api): ``/utlysningar/{YYYY-MM-DD}`` and
``/ansokningsomgangar/{YYYY-MM-DD}`` list what changed since that date, as JSON lists.
The common API: ``/utlysningar?offset=N&limit=M`` with the total in the ``x-totalrecords``
header and the key in the ``x-api-key`` header. The fields each reader expects, and what was
assumed where the published description is silent, are in docs/funding.md ("Calls").

Responses are cached on disk, one file per URL, and reused until they are ``max_age`` old; a
failure names the URL and says plainly when the machine seems to be offline (both through
``sources/http.py``, shared with the other outside sources).
"""

from __future__ import annotations

import json
import urllib.parse
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.calls import CallRecord, common_calls, parse_vinnova
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.http import Response, ResponseCache, Wording, cached, fetch_json

DEFAULT_VINNOVA_URL = "https://data.vinnova.se/api"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_AGE = 6 * 3600.0
PAGE_SIZE = 500
MAX_PAGES = 200


class CallsFetchError(Exception):
    """A request for calls failed; names the URL and the cause."""

    def __init__(self, url: str, cause: str) -> None:
        self.url = url
        self.cause = cause
        super().__init__(
            _("Fetching calls failed for %(url)s: %(cause)s") % {"url": url, "cause": cause}
        )


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
        return cached(self.cache, url, self._fetch)

    def _fetch(self, url: str) -> Response:
        headers: dict[str, str] = {}
        if self.api_key and url.startswith(self.common_url or "\0"):
            headers["x-api-key"] = self.api_key
        return fetch_json(
            url,
            timeout=self.timeout,
            error=CallsFetchError,
            wording=WORDING,
            headers=headers,
            keep_headers=["x-totalrecords"],
            encoding="utf-8-sig",
        )


def _timed_out(timeout: float) -> str:
    return _("no answer within %(s)s s") % {"s": f"{timeout:g}"}


WORDING = Wording(
    bad_scheme=lambda: _("only http and https addresses are supported"),
    timed_out=_timed_out,
    unreachable=lambda reason: (
        _("cannot reach the server (%(reason)s); is the machine offline?") % {"reason": reason}
    ),
    connection_failed=lambda exc: (
        _("the connection failed (%(reason)s); is the machine offline?") % {"reason": exc}
    ),
    not_json=lambda exc: _("the answer is not JSON (%(error)s)") % {"error": exc},
)


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
