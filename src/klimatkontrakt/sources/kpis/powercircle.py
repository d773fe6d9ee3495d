"""Power Circle's charging statistics (ELIS), one CSV a month: per municipality (the first,
unnamed column, in upper case) `Antal laddbara fordon`, `Antal laddpunkter` and more."""

from __future__ import annotations

import datetime as dt
import re

from klimatkontrakt.sources.kpis.common import (
    Header,
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    count,
    find_header,
    finish,
    norm,
)
from klimatkontrakt.sources.kpis.workbook import CSV_SHEET, Book

KIND = "powercircle_charging"
PUBLISHER = "Power Circle (ELIS)"
COLUMNS = ("Antal laddbara fordon", "Antal laddpunkter")
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MONTH_NAMES = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def matches(book: Book) -> bool:
    rows = book.sheet(CSV_SHEET)
    if not rows:
        return False
    heads = {norm(c) for r in rows[:5] for c in r}
    return all(norm(c) in heads for c in COLUMNS)


def edition_of(filename: str) -> tuple[str, dt.date | None]:
    """The month the file's name gives ("..._dec_2025.csv"): "december 2025" and its last day."""
    found = re.search(
        r"(?i)(jan|feb|mar|apr|ma[jy]|jun|jul|aug|sep|o[ck]t|nov|dec)[a-z]*[_ -]?(20\d\d)", filename
    )
    if not found:
        return "", None
    month = MONTHS.index(found.group(1).lower().replace("may", "maj").replace("oct", "okt")) + 1
    year = int(found.group(2))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return f"{MONTH_NAMES[month - 1]} {year}", last


def read(book: Book, names: NameMatcher) -> Reading:
    rows = book.sheet(CSV_SHEET) or []
    header = find_header(rows, COLUMNS, filename=book.filename, sheet="CSV")
    header = Header(header.row, {**header.columns, "Kommun": 0})
    walk = RowWalk(book.filename, header, "Kommun", names)
    records: list[Record] = []
    edition, date = edition_of(book.filename)
    year = date.year if date else None
    for index, row, code in walk.rows(rows):
        vehicles = walk.value(row, index, COLUMNS[0], count)
        points = walk.value(row, index, COLUMNS[1], count)
        if vehicles is None or points is None:
            continue
        records += [
            Record(code, "rechargeable_vehicles", year, number=vehicles, row=index),
            Record(code, "charge_points", year, number=points, row=index),
        ]
    return finish(Reading(KIND, PUBLISHER, edition, date, records), walk.problems, book.filename)
