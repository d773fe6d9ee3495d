"""Client for the agencies' common open-data API of funded activities (`finansieradeaktiviteter`),
which Vinnova, Formas, Forte and Vetenskapsrådet publish in the same shape.

Shape (as the agencies document it): `GET {base}/finansieradeaktiviteter?offset=N&limit=M`
answers a JSON list of activities and the header `x-totalrecords` with the number there are in
all. An activity has `diarienummer`, `titel`, `startdatum`, `slutdatum`, `status`, `program`
({`namn`}), `organisationer` [{`namn`, `organisationsnummer`, `roll`}], `beslutadFinansiering`
[{`belopp`, `ar`, and where the funder splits it, `finansieradOrganisation` {`namn`,
`organisationsnummer`}}], `hallbarhetsmal` and `kategoriseringFinansiar` [{`namn`}]. A funding
line without its own organisation goes to the coordinating one. `personer` is never read.

The API key goes in a request header (`Ocp-Apim-Subscription-Key` unless configured). Responses
are cached on disk, one file per URL, and reused until `max_age` old; a request that fails names
the URL and says in the interface language whether the server is unreachable, slow or refusing.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import CellError, RowProblem, SourceError
from klimatkontrakt.sources.grant_records import (
    COORDINATOR,
    PARTNER,
    GrantRecord,
    amount_cell,
    date_cell,
    org_number_cell,
    year_cell,
)
from klimatkontrakt.sources.http import Response, ResponseCache, Wording, cached, fetch_json

ENDPOINT = "finansieradeaktiviteter"
DEFAULT_LIMIT = 500
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_AGE = 24 * 3600.0
KEY_HEADER = "Ocp-Apim-Subscription-Key"
MAX_PAGES = 10_000


class GdpError(Exception):
    """A request to the funders' API failed; the message names the URL and the cause."""

    def __init__(self, url: str, cause: str) -> None:
        self.url = url
        self.cause = cause
        super().__init__(
            _("The funders' API did not answer %(url)s: %(cause)s")
            % {
                "url": url,
                "cause": cause,
            }
        )


@dataclass(frozen=True)
class Page:
    url: str
    items: list[Any]
    total: int | None


class GdpClient:
    """Reads one funder's funded activities from the common API."""

    def __init__(
        self,
        base_url: str,
        funder: str,
        *,
        api_key: str = "",
        key_header: str = KEY_HEADER,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        cache_dir: Path | str | None = None,
        max_age: float = DEFAULT_MAX_AGE,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.funder = funder
        self.api_key = api_key
        self.key_header = key_header
        self.timeout = timeout
        self.limit = limit
        self.cache = ResponseCache(cache_dir, max_age) if cache_dir is not None else None

    def url(self, offset: int) -> str:
        query = urllib.parse.urlencode({"offset": offset, "limit": self.limit})
        return f"{self.base_url}/{ENDPOINT}?{query}"

    def activities(self) -> tuple[list[Any], str]:
        """Every activity over all pages, and the first page's URL (the records' source)."""
        out: list[Any] = []
        offset = 0
        first = self.url(0)
        for _page in range(MAX_PAGES):
            page = self._get(self.url(offset))
            out.extend(page.items)
            offset += len(page.items)
            done = not page.items or (page.total is not None and offset >= page.total)
            if page.total is None and len(page.items) < self.limit:
                done = True
            if done:
                return out, first
        raise GdpError(first, _("more than %(n)s pages; stopped") % {"n": MAX_PAGES})

    def records(self) -> tuple[list[GrantRecord], str]:
        items, url = self.activities()
        return parse_activities(items, self.funder, url), url

    def _get(self, url: str) -> Page:
        return _as_page(cached(self.cache, url, self._fetch))

    def _fetch(self, url: str) -> Response:
        headers = {self.key_header: self.api_key} if self.api_key else {}
        response = fetch_json(
            url,
            timeout=self.timeout,
            error=GdpError,
            wording=WORDING,
            headers=headers,
            keep_headers=["x-totalrecords"],
        )
        _as_page(response)  # refuse a wrong shape before it is cached
        return response


def _as_page(response: Response) -> Page:
    url = response.url
    if not isinstance(response.body, list):
        raise GdpError(url, _("the answer is not a list of activities"))
    total: int | None = None
    total_header = response.headers.get("x-totalrecords")
    if total_header is not None:
        try:
            total = int(total_header)
        except ValueError as exc:
            raise GdpError(url, _("the header x-totalrecords is not a number")) from exc
    return Page(url, response.body, total)


def _refused(code: int, reason: str) -> str:
    if code in (401, 403):
        return _("HTTP %(code)s: the API key is missing or not accepted (set %(setting)s)") % {
            "code": code,
            "setting": "KLIMATKONTRAKT_GDP_API_KEY",
        }
    return f"HTTP {code} {reason}"


def _timed_out(timeout: float) -> str:
    return _("no answer within %(seconds)s s") % {"seconds": f"{timeout:g}"}


WORDING = Wording(
    bad_scheme=lambda: _("only http and https addresses are supported"),
    timed_out=_timed_out,
    unreachable=lambda reason: (
        _("cannot reach the server (%(reason)s); are you offline?") % {"reason": reason}
    ),
    connection_failed=lambda exc: (
        _("the connection failed (%(error)s); are you offline?") % {"error": exc}
    ),
    not_json=lambda _exc: _("the answer is not JSON"),
    http_status=_refused,
)


def _name(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("namn") or value.get("name") or "").strip()
    return str(value or "").strip()


def _names(values: Any) -> str:
    if not isinstance(values, list):
        return ""
    return "; ".join(dict.fromkeys(n for n in (_name(v) for v in values) if n))[:500]


def _role(text: str) -> str:
    lowered = text.lower()
    if "koordinator" in lowered or "projektledande" in lowered or "huvud" in lowered:
        return COORDINATOR
    return PARTNER if lowered else ""


def _funder(item: dict[str, Any], funder: str) -> str:
    """The funder an activity names (a saved answer of several funders), else the one asked."""
    named = str(item.get("finansiarNamn") or _name(item.get("finansiar")) or funder).strip()
    if not named:
        raise CellError("finansiarNamn", _("the funder is missing"))
    return named[:200]


def read_saved_answer(data: bytes, name: str, funder: str = "") -> list[GrantRecord]:
    """A saved answer of the API (a JSON list of activities, or several pages' lists joined),
    for `import-grants --source gdp`; each activity names its funder or `funder` does."""
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SourceError(_("the file is not JSON"), name) from exc
    if not isinstance(items, list):
        raise SourceError(_("the file is not a list of activities"), name)
    return parse_activities(items, funder, name)


def parse_activities(items: list[Any], funder: str, source: str) -> list[GrantRecord]:
    """Records from the API's activities, all or nothing: a bad activity is named by its number
    (from 1, as `row`) and the field (as `column`)."""
    problems: list[RowProblem] = []
    merged: dict[tuple[str, str, str, int], GrantRecord] = {}
    for number, item in enumerate(items, start=1):
        try:
            for record in _activity(item, funder, number):
                key = (
                    record.funder,
                    record.reference,
                    record.recipient_org_number or record.recipient_name,
                    record.year,
                )
                earlier = merged.get(key)
                if earlier is not None:
                    from dataclasses import replace

                    record = replace(earlier, amount_sek=earlier.amount_sek + record.amount_sek)
                merged[key] = record
        except CellError as exc:
            problems.append(exc.at(source, number))
    if problems:
        raise SourceError(problems)
    return list(merged.values())


def _activity(item: Any, funder: str, number: int) -> list[GrantRecord]:
    if not isinstance(item, dict):
        raise CellError(None, _("the activity is not an object"))
    reference = str(item.get("diarienummer") or "").strip()
    if not reference:
        raise CellError("diarienummer", _("the reference is missing"))
    organisations = item.get("organisationer") or []
    if not isinstance(organisations, list):
        raise CellError("organisationer", _("is not a list"))
    coordinator: dict[str, Any] | None = None
    for i, org in enumerate(organisations):
        if not isinstance(org, dict):
            raise CellError(f"organisationer[{i}]", _("is not an object"))
        if _role(str(org.get("roll") or "")) == COORDINATOR and coordinator is None:
            coordinator = org
    if coordinator is None and organisations:
        coordinator = organisations[0]
    lines = item.get("beslutadFinansiering") or []
    if not isinstance(lines, list):
        raise CellError("beslutadFinansiering", _("is not a list"))
    programme = item.get("program")
    if isinstance(programme, list):
        programme = programme[0] if programme else ""
    common: dict[str, Any] = {
        "funder": _funder(item, funder),
        "reference": reference[:100],
        "title": str(item.get("titel") or item.get("titelEng") or "").strip()[:500],
        "start": date_cell(str(item.get("startdatum") or ""), "startdatum"),
        "end": date_cell(str(item.get("slutdatum") or ""), "slutdatum"),
        "status": str(item.get("status") or "").strip()[:100],
        "programme": _name(programme)[:200],
        "categories": _names(
            (item.get("hallbarhetsmal") or []) + (item.get("kategoriseringFinansiar") or [])
            if isinstance(item.get("hallbarhetsmal") or [], list)
            and isinstance(item.get("kategoriseringFinansiar") or [], list)
            else []
        ),
        "row": number,
    }
    out: list[GrantRecord] = []
    for j, line in enumerate(lines):
        where = f"beslutadFinansiering[{j}]"
        if not isinstance(line, dict):
            raise CellError(where, _("is not an object"))
        org = line.get("finansieradOrganisation")
        if org is not None and not isinstance(org, dict):
            raise CellError(f"{where}.finansieradOrganisation", _("is not an object"))
        org = org or coordinator
        if org is None:
            raise CellError("organisationer", _("no organisation receives the funding"))
        recipient = _name(org)
        if not recipient:
            raise CellError(f"{where}.finansieradOrganisation.namn", _("the recipient is missing"))
        roll = _role(str(org.get("roll") or "")) or (COORDINATOR if org is coordinator else PARTNER)
        amount_raw = line.get("belopp")
        if isinstance(amount_raw, bool) or not isinstance(amount_raw, int | float | str):
            raise CellError(f"{where}.belopp", _("the amount is missing"))
        amount: Decimal = amount_cell(str(amount_raw), f"{where}.belopp")
        out.append(
            GrantRecord(
                recipient_name=recipient[:200],
                recipient_org_number=org_number_cell(
                    str(org.get("organisationsnummer") or ""), f"{where}.organisationsnummer"
                ),
                role=roll,
                year=year_cell(str(line.get("ar") or ""), f"{where}.ar"),
                amount_sek=amount,
                **common,
            )
        )
    return out
