"""Writes for emissions: importing SMHI releases, budgets and goals. One transaction each."""

from __future__ import annotations

import hashlib
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from klimatkontrakt.calc.budgets import METHODS
from klimatkontrakt.calc.goals import Goal as GoalSpec
from klimatkontrakt.emissions.models import CarbonBudget, EmissionValue, Goal, Release, SectorKey
from klimatkontrakt.organisations import selectors as organisations
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources import smhi
from klimatkontrakt.sources.errors import RowProblem, SourceError

SMHI_REPORT_PATH = "/api/getexcelfile/?county=0&municipality=0&sub={gas}"
DEFAULT_SMHI_BASE_URL = "https://nationellaemissionsdatabasen.smhi.se"
BATCH = 5000
DEMO_PREFIX = "demo-"


class ReleaseConflict(SourceError):
    """A different file claiming an already imported release date for the same gas."""


@dataclass(frozen=True)
class ImportResult:
    release: Release
    created: bool
    values: int
    discrepancies: int


def _codes() -> tuple[dict[str, str], dict[str, str]]:
    munis = organisations.municipality_codes()
    if not munis:
        raise SourceError(
            "no municipalities in the database: load the SCB code list first "
            "(klimatkontrakt import-municipalities or klimatkontrakt demo)"
        )
    return munis, organisations.county_codes()


def import_report(
    source: Path | str | bytes,
    *,
    file_name: str | None = None,
    source_url: str = "",
    progress: Callable[[str, int], None] | None = None,
) -> ImportResult:
    """Import one SMHI Länsrapport. The same file again is a no-op; another file for a release
    date and gas already held is refused; a malformed file changes nothing.

    ``progress(stage, rows_read)``, when given, hears "storing" with the file's row count once
    every row is checked (the background import's job page)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    name = file_name or ("<upload>" if isinstance(source, bytes) else Path(source).name)
    digest = hashlib.sha256(data).hexdigest()
    existing = Release.objects.filter(sha256=digest).first()
    if existing is not None:
        return ImportResult(existing, False, 0, len(existing.discrepancies))
    munis, counties = _codes()
    report = smhi.read_report(data, file_name=name, municipality_codes=munis, county_codes=counties)
    if progress is not None:
        progress("storing", len(report.rows))
    return _store(report, source_url)


def import_parsed(report: smhi.SmhiReport, source_url: str = "") -> ImportResult:
    """Store an already parsed report (e.g. the bundled demo CSV); same rules as a file."""
    existing = Release.objects.filter(sha256=report.sha256).first()
    if existing is not None:
        return ImportResult(existing, False, 0, len(existing.discrepancies))
    return _store(report, source_url)


@transaction.atomic
def _store(report: smhi.SmhiReport, source_url: str) -> ImportResult:
    clash = Release.objects.filter(gas=report.gas, release_date=report.release_date).first()
    if clash is not None and clash.file_name.startswith(DEMO_PREFIX):
        clash.delete()  # SMHI's full file replaces the demo subset of the same release
        clash = None
    if clash is not None:
        raise ReleaseConflict(
            RowProblem(
                report.file_name,
                None,
                None,
                f"SMHI's {report.gas} release of {report.release_date:%Y-%m-%d} is already "
                f"imported from another file ({clash.file_name}, sha256 {clash.sha256[:12]}); "
                "this file differs, so it is refused. Remove the old release first if SMHI "
                "reissued it.",
            )
        )
    found = smhi.check_consistency(report)
    release = Release.objects.create(
        gas=report.gas,
        gas_name=report.gas_name,
        unit=report.unit,
        release_date=report.release_date,
        report_name=report.report_name,
        sha256=report.sha256,
        file_name=report.file_name,
        source_url=source_url,
        years=list(report.years),
        discrepancies=[asdict(d) for d in found],
    )
    sector_ids = _sector_ids({(r.sector, r.subsector) for r in report.rows})
    muni_ids = organisations.municipality_ids()
    county_ids = organisations.county_ids()
    years = report.years
    rows: list[tuple[int, int | None, int | None, int, int, float]] = []
    for row in report.rows:
        muni = muni_ids[row.municipality_code] if row.municipality_code else None
        county = county_ids.get(row.county_code or "") if muni is None else None
        sector = sector_ids[(row.sector, row.subsector)]
        rows.extend(
            (release.pk, muni, county, sector, year, value)
            for year, value in zip(years, row.values, strict=True)
        )
    _insert_values(rows)
    count = len(rows)
    _refresh_current(report.gas)
    release.refresh_from_db()
    return ImportResult(release, True, count, len(found))


def _insert_values(rows: list[tuple[int, int | None, int | None, int, int, float]]) -> None:
    """Plain executemany (COPY on PostgreSQL): a national report is ~230,000 values, and a
    model instance per value made bulk_create several times slower (see docs/decisions.md)."""
    table = connection.ops.quote_name(EmissionValue._meta.db_table)
    columns = "(release_id, municipality_id, county_id, sector_id, year, value)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s, %s, %s)"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _sector_ids(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    known = {(s.sector, s.subsector): s.pk for s in SectorKey.objects.all()}
    missing = [SectorKey(sector=a, subsector=b) for a, b in sorted(pairs - known.keys())]
    if missing:
        SectorKey.objects.bulk_create(missing)
        known = {(s.sector, s.subsector): s.pk for s in SectorKey.objects.all()}
    return known


def _refresh_current(gas: str) -> None:
    """The newest release date of a gas is its current release."""
    newest = Release.objects.filter(gas=gas).order_by("-release_date").first()
    others = Release.objects.filter(gas=gas, is_current=True)
    if newest is None:
        others.update(is_current=False)
        return
    # Clear the old flag before setting the new one: one current release per gas (constraint).
    others.exclude(pk=newest.pk).update(is_current=False)
    if not newest.is_current:
        Release.objects.filter(pk=newest.pk).update(is_current=True)


@transaction.atomic
def delete_release(release: Release) -> None:
    gas = release.gas
    release.delete()
    _refresh_current(gas)


def smhi_report_url(gas: str, base_url: str | None = None) -> str:
    base = base_url or getattr(settings, "SMHI_BASE_URL", "") or DEFAULT_SMHI_BASE_URL
    return base.rstrip("/") + SMHI_REPORT_PATH.format(gas=urllib.parse.quote(gas.upper()))


def fetch_report(gas: str = "GGT", *, base_url: str | None = None, timeout: float = 120) -> bytes:
    """Download SMHI's current national report for one gas."""
    url = smhi_report_url(gas, base_url)
    if not url.startswith(("http://", "https://")):
        raise SourceError(f"the SMHI address must be http(s): {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "klimatkontrakt"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return bytes(response.read())


def fetch_and_import(gas: str = "GGT", *, base_url: str | None = None) -> ImportResult:
    url = smhi_report_url(gas, base_url)
    data = fetch_report(gas, base_url=base_url)
    return import_report(data, file_name=f"smhi-{gas.upper()}.xlsx", source_url=url)


# ---- budgets and goals chosen by a municipality -------------------------------------------


@transaction.atomic
def save_carbon_budget(
    user: Any,
    municipality: Municipality,
    *,
    name: str,
    method: str,
    gas: str = "CO2",
    parameters: dict[str, Any] | None = None,
    is_published: bool = False,
    shared_with_programme: bool = False,
) -> CarbonBudget:
    require_edit(user, municipality)
    if method not in METHODS:
        raise ValueError(f"unknown budget method {method!r}; choose one of {sorted(METHODS)}")
    params = parameters or {}
    unknown = set(params) - set(METHODS[method].parameters())
    if unknown:
        raise ValueError(f"{method} has no parameter(s) {sorted(unknown)}")
    return CarbonBudget.objects.create(
        municipality=municipality,
        name=name,
        method=method,
        gas=gas,
        parameters=params,
        is_published=is_published,
        shared_with_programme=shared_with_programme,
    )


@transaction.atomic
def save_goal(
    user: Any,
    municipality: Municipality,
    *,
    name: str,
    target_year: int,
    level_t: float | None = None,
    share_of_base: float | None = None,
    base_year: int | None = None,
    scope: str = "territorial",
    gas: str = "GGT",
    is_published: bool = False,
    shared_with_programme: bool = False,
) -> Goal:
    require_edit(user, municipality)
    GoalSpec(target_year, level_t, share_of_base, base_year, scope)  # validates
    return Goal.objects.create(
        municipality=municipality,
        name=name,
        target_year=target_year,
        level_t=level_t,
        share_of_base=share_of_base,
        base_year=base_year,
        scope=scope,
        gas=gas,
        is_published=is_published,
        shared_with_programme=shared_with_programme,
    )
