"""Client for the Kolada API v3 (https://api.kolada.se/v3), returning plain records.

Response shape (Kolada's published API description, v2 and v3 alike): every answer is
``{"values": [...], "count": n}`` plus ``next_url`` when more pages follow. A data row is
``{"kpi", "municipality", "period", "values": [{"gender", "value", "status", "count"}]}``
with gender T (total), K (women) or M (men). With ``from_date`` the API also returns
values deleted since that date, marked ``is_deleted`` and with a null value.

Requests name at most 25 ids of each kind, so larger lists are split into chunks.
Responses are cached on disk, one file per URL, and reused until they are ``max_age`` old
(``sources/http.py``, shared with the other outside sources).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from klimatkontrakt.sources.http import (
    Response,
    ResponseCache,
    Wording,
    cached,
    fetch_json,
)

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
MAX_IDS_PER_REQUEST = 25
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_AGE = 24 * 3600.0
DEFAULT_PER_PAGE = 5000
GENDERS = frozenset({"T", "K", "M"})


class KoladaError(Exception):
    """A Kolada request failed; names the URL and the cause."""

    def __init__(self, url: str, cause: str) -> None:
        self.url = url
        self.cause = cause
        super().__init__(f"Kolada request failed for {url}: {cause}")


# How each failure of a request reads (English, as all of this module's errors).
WORDING = Wording(
    bad_scheme=lambda: "only http and https URLs are supported",
    timed_out=lambda timeout: f"timed out after {timeout:g} s",
    unreachable=lambda reason: f"cannot reach the server ({reason}); are you offline?",
    connection_failed=lambda exc: f"connection failed ({exc}); are you offline?",
    not_json=lambda exc: f"response is not JSON ({exc})",
)


@dataclass(frozen=True)
class KoladaValue:
    """One figure: a KPI for a municipality, year and gender, with where it came from."""

    kpi: str
    municipality: str
    period: int
    gender: str
    value: float | None
    status: str
    count: int
    deleted: bool
    source_url: str
    fetched_at: datetime


@dataclass(frozen=True)
class KoladaKpi:
    """KPI metadata from ``/v3/kpi/{id}``."""

    id: str
    title: str
    description: str
    is_divided_by_gender: bool
    municipality_type: str
    operating_area: str
    auspices: str
    publication_date: str
    source_url: str


def chunked(ids: Sequence[str], size: int = MAX_IDS_PER_REQUEST) -> list[list[str]]:
    """Split ids into lists of at most ``size``, keeping order and dropping repeats."""
    unique = list(dict.fromkeys(ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]


class KoladaClient:
    """Reads KPI data and metadata from Kolada v3."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        cache_dir: Path | str | None = None,
        max_age: float = DEFAULT_MAX_AGE,
        per_page: int = DEFAULT_PER_PAGE,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.per_page = per_page
        self.cache = ResponseCache(cache_dir, max_age) if cache_dir is not None else None

    # -- public surface -------------------------------------------------------------------

    def data(
        self,
        kpis: Sequence[str],
        municipalities: Sequence[str],
        years: Sequence[int] | None = None,
        from_date: date | None = None,
    ) -> list[KoladaValue]:
        """All values for these KPIs and municipalities (and years), over every page."""
        if not kpis or not municipalities:
            raise ValueError("data() needs at least one KPI id and one municipality code")
        year_chunks: list[list[str] | None] = (
            [list(c) for c in chunked([str(y) for y in years])] if years else [None]
        )
        out: list[KoladaValue] = []
        for kpi_ids in chunked(kpis):
            for municipality_ids in chunked(municipalities):
                for year_ids in year_chunks:
                    url = self._data_url(kpi_ids, municipality_ids, year_ids, from_date)
                    for page in self._pages(url):
                        out.extend(_parse_data(page))
        return out

    def kpi(self, kpi_id: str) -> KoladaKpi:
        """Metadata for one KPI."""
        found = self.kpis([kpi_id])
        if not found:
            raise KoladaError(self._kpi_url([kpi_id]), f"no KPI with id {kpi_id}")
        return found[0]

    def kpis(self, kpi_ids: Sequence[str]) -> list[KoladaKpi]:
        """Metadata for several KPIs (chunked by 25)."""
        out: list[KoladaKpi] = []
        for ids in chunked(kpi_ids):
            for page in self._pages(self._kpi_url(ids)):
                out.extend(_parse_kpi(row, page.url) for row in _rows(page))
        return out

    # -- URLs and transport ---------------------------------------------------------------

    def _data_url(
        self,
        kpis: list[str],
        municipalities: list[str],
        years: list[str] | None,
        from_date: date | None,
    ) -> str:
        path = f"/data/kpi/{_ids(kpis)}/municipality/{_ids(municipalities)}"
        if years:
            path += f"/year/{_ids(years)}"
        query: dict[str, str] = {"per_page": str(self.per_page)}
        if from_date is not None:
            query["from_date"] = from_date.isoformat()
        return f"{self.base_url}{path}?{urllib.parse.urlencode(query)}"

    def _kpi_url(self, ids: list[str]) -> str:
        return f"{self.base_url}/kpi/{_ids(ids)}"

    def _pages(self, url: str) -> Iterator[Response]:
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            if next_url in seen:
                raise KoladaError(next_url, "next_url points back to a page already read")
            seen.add(next_url)
            page = self._get(next_url)
            yield page
            following = page.body.get("next_url")
            if following is not None and not isinstance(following, str):
                raise KoladaError(next_url, "next_url is not a string")
            next_url = urllib.parse.urljoin(next_url, following) if following else None

    def _get(self, url: str) -> Response:
        return cached(self.cache, url, self._fetch)

    def _fetch(self, url: str) -> Response:
        response = fetch_json(url, timeout=self.timeout, error=KoladaError, wording=WORDING)
        body = response.body
        if not isinstance(body, dict) or not isinstance(body.get("values"), list):
            raise KoladaError(url, "response has no 'values' list")
        return response


def _ids(ids: Iterable[str]) -> str:
    return ",".join(urllib.parse.quote(i, safe="") for i in ids)


def _rows(page: Response) -> list[dict[str, Any]]:
    rows = page.body["values"]
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise KoladaError(page.url, f"values[{index}] is not an object")
    return rows


def _flag(raw: object) -> bool:
    return raw in (True, 1, "1", "true", "True")


def _parse_data(page: Response) -> Iterator[KoladaValue]:
    for index, row in enumerate(_rows(page)):
        where = f"values[{index}]"
        try:
            kpi = str(row["kpi"])
            municipality = str(row["municipality"])
            period = int(row["period"])
            entries = row["values"]
        except (KeyError, TypeError, ValueError) as exc:
            raise KoladaError(page.url, f"{where} lacks kpi/municipality/period/values") from exc
        if not isinstance(entries, list):
            raise KoladaError(page.url, f"{where}.values is not a list")
        row_deleted = _flag(row.get("is_deleted", row.get("isdeleted")))
        for j, entry in enumerate(entries):
            yield _parse_value(
                page, f"{where}.values[{j}]", entry, kpi, municipality, period, row_deleted
            )


def _parse_value(
    page: Response,
    where: str,
    entry: object,
    kpi: str,
    municipality: str,
    period: int,
    row_deleted: bool,
) -> KoladaValue:
    if not isinstance(entry, dict):
        raise KoladaError(page.url, f"{where} is not an object")
    gender = entry.get("gender") or "T"
    if gender not in GENDERS:
        raise KoladaError(page.url, f"{where}.gender is {gender!r}, expected T, K or M")
    deleted = row_deleted or _flag(entry.get("is_deleted", entry.get("isdeleted")))
    raw_value = entry.get("value")
    try:
        value = None if raw_value is None or deleted else float(raw_value)
        count = int(entry.get("count") or 0)
    except (TypeError, ValueError) as exc:
        raise KoladaError(page.url, f"{where} has a value or count that is not a number") from exc
    return KoladaValue(
        kpi=kpi,
        municipality=municipality,
        period=period,
        gender=str(gender),
        value=value,
        status=str(entry.get("status") or ""),
        count=count,
        deleted=deleted,
        source_url=page.url,
        fetched_at=page.fetched_at,
    )


def _parse_kpi(row: dict[str, Any], url: str) -> KoladaKpi:
    if "id" not in row:
        raise KoladaError(url, "KPI entry without an id")
    return KoladaKpi(
        id=str(row["id"]),
        title=str(row.get("title") or ""),
        description=str(row.get("description") or ""),
        is_divided_by_gender=_flag(row.get("is_divided_by_gender")),
        municipality_type=str(row.get("municipality_type") or ""),
        operating_area=str(row.get("operating_area") or ""),
        # Kolada's API description names the field "auspice"; some clients see "auspices".
        auspices=str(row.get("auspice") or row.get("auspices") or ""),
        publication_date=str(row.get("publication_date") or ""),
        source_url=url,
    )


def live_values(values: Iterable[KoladaValue]) -> list[KoladaValue]:
    """The values that exist: not deleted and not null."""
    return [v for v in values if not v.deleted and v.value is not None]
