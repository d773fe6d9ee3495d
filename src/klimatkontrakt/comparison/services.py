"""Writes of the national comparison: taking in a publisher's file, all or nothing, and
turning the figures into each municipality's indicators (source "national comparison")."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klimatkontrakt.comparison.keys import NUMERIC, Key
from klimatkontrakt.comparison.models import Figure, SourceFile
from klimatkontrakt.comparison.selectors import national_table
from klimatkontrakt.indicators.services import store_national_values
from klimatkontrakt.organisations.access import SYSTEM, recorded_account
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources import kpis
from klimatkontrakt.sources.errors import SourceError


@dataclass(frozen=True)
class KpiImport:
    """What one file did: taken in, already there, or not a file any reader knows."""

    filename: str
    source_file: SourceFile | None
    figures: int = 0
    already_imported: bool = False
    unknown: bool = False


def import_kpi_file(content: bytes, filename: str, *, user: Any = SYSTEM) -> KpiImport:
    """Take in one publisher's file. The same file again (by its SHA-256) changes nothing; a
    file no reader knows is left alone (`unknown`); a faulty one is refused whole with a
    SourceError naming file, row and column of every fault, and leaves no trace."""
    if not getattr(user, "is_superuser", False):
        raise PermissionDenied(_("Only an administrator can import national files."))
    digest = hashlib.sha256(content).hexdigest()
    already = SourceFile.objects.filter(sha256=digest).first()
    if already is not None:
        return KpiImport(filename, already, already.rows, already_imported=True)
    municipalities = {m.code: m for m in Municipality.objects.all()}
    if not municipalities:
        raise SourceError(
            _("no municipalities in the database: run `klimatkontrakt demo` or load SCB's list"),
            filename,
        )
    names = kpis.NameMatcher({code: m.name for code, m in municipalities.items()})
    reading = kpis.read(content, filename, names)
    if reading is None:
        return KpiImport(filename, None, unknown=True)
    with transaction.atomic():
        source_file = SourceFile.objects.create(
            file_name=filename[:300],
            kind=reading.kind,
            publisher=reading.publisher,
            edition=reading.edition,
            edition_date=reading.edition_date,
            sha256=digest,
            rows=len(reading.records),
            imported_by=recorded_account(user),
        )
        Figure.objects.bulk_create(
            Figure(
                source_file=source_file,
                municipality=municipalities[r.code],
                key=r.key,
                year=r.year,
                number=r.number,
                text=r.text,
                link=r.link[:2000],
                row=r.row,
            )
            for r in reading.records
        )
        publish_indicators(kinds={reading.kind})
    return KpiImport(filename, source_file, len(reading.records))


def publish_indicators(kinds: set[str] | None = None) -> int:
    """Every numeric key of the comparison (or those computed from files of `kinds`) as an
    indicator of each municipality, through the indicators app, so that a target set on it
    gets the same status rule as any indicator. Returns the number of values stored."""
    rows = national_table()
    municipalities = {m.code: m for m in Municipality.objects.all()}
    stored = 0
    for key in NUMERIC:
        if kinds is not None and not kinds & set(key.kinds):
            continue
        values: dict[Municipality, tuple[int, float, str] | None] = {}
        for row in rows:
            found = row.values[key.key]
            if found.value is None:
                values[municipalities[row.code]] = None
                continue
            year = found.year or timezone.now().year
            provenance = "Nationell jämförelse: " + "; ".join(str(s) for s in found.sources)
            values[municipalities[row.code]] = (year, float(found.value), provenance)
        stored += store_national_values(
            key.indicator_name,
            {
                "unit": stored_unit(key),
                "direction": key.direction,
                "description": str(key.sentence),
                "is_published": True,
            },
            values,
        )
    return stored


def stored_unit(key: Key) -> str:
    """The indicator's unit as stored: in Swedish, like the indicators' names."""
    with translation.override("sv"):
        return str(key.unit)
