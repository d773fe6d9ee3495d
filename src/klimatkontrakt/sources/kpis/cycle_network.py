"""The national road database's cycle network (Trafikverket, NVDB): metres of cycle network per
road owner (`Enskild`, `Kommunal`, `Statlig`; `-` means none) per county and municipality, one
sheet per year. The national total and each county's `Total` row are mixed in and skipped."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis.common import (
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    count,
    find_header,
    finish,
    norm,
)
from klimatkontrakt.sources.kpis.workbook import Book

KIND = "nvdb_cycle_network"
PUBLISHER = "Trafikverket (NVDB)"
COLUMNS = ("Län", "Kommun", "Väghållare")
NOT_OWNERS = {"län", "kommun", "väghållare"}


def _latest(book: Book) -> tuple[int, str] | None:
    years = [(int(n), n) for n in book.sheets if n.strip().isdigit()]
    return max(years) if years else None


def matches(book: Book) -> bool:
    latest = _latest(book)
    if latest is None:
        return False
    heads = {norm(c) for r in book.sheets[latest[1]][:5] for c in r}
    return all(norm(c) in heads for c in COLUMNS)


def read(book: Book, names: NameMatcher) -> Reading:
    latest = _latest(book)
    if latest is None:
        raise SourceError(_("no sheet named by a year"), book.filename)
    year, sheet = latest
    rows = book.sheets[sheet]
    header = find_header(rows, COLUMNS, filename=book.filename, sheet=sheet)
    heads = rows[header.row - 1]
    owners = {
        str(c).strip(): i
        for i, c in enumerate(heads)
        if c is not None and norm(c) not in NOT_OWNERS
    }
    if not owners:
        raise SourceError(_("no road owner columns beside Väghållare"), book.filename)
    header.columns.update(owners)
    walk = RowWalk(book.filename, header, "Kommun", names)
    records = []
    for index, row, code in walk.rows(rows):
        metres = [walk.value(row, index, owner, count) for owner in owners]
        if any(m is None for m in metres):
            continue
        total = sum(m for m in metres if m is not None)
        records.append(Record(code, "cycle_network_m", year, number=total, row=index))
    reading = Reading(KIND, PUBLISHER, str(year), dt.date(year, 12, 31), records)
    return finish(reading, walk.problems, book.filename)
