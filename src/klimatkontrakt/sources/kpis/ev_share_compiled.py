"""The compiled table of rechargeable shares of new cars (`kpi1_calculations.xlsx`): per
municipality and year 2015–2024 the share of newly registered passenger cars that are electric
or plug-in hybrids, as fractions, compiled by Klimatkollen from Trafikanalys' statistics.

Layout: a title row, a blank row, then `Kommun` and one column per year (a later edition adds
years to the right); later columns (the publisher's own slope) are ignored.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis.common import (
    Header,
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    finish,
    norm,
)
from klimatkontrakt.sources.kpis.workbook import Book, Row

KIND = "ev_share_compiled"
PUBLISHER = "Klimatkollen (från Trafikanalys)"
KEY = "ev_share_pct"


def _year(value: object) -> int | None:
    text = cell_text(value)
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else None


def _header(rows: list[Row]) -> tuple[Header, dict[int, int]] | None:
    for index, row in enumerate(rows[:20]):
        cells = [norm(c) for c in row]
        if "kommun" not in cells:
            continue
        years = {y: i for i, c in enumerate(row) if (y := _year(c)) is not None}
        if len(years) >= 2:
            columns = {"Kommun": cells.index("kommun")} | {str(y): i for y, i in years.items()}
            return Header(index + 1, columns), years
    return None


def _sheet(book: Book) -> tuple[str, list[Row], Header, dict[int, int]] | None:
    for name, rows in book.sheets.items():
        title = " ".join(norm(c) for r in rows[:3] for c in r if c is not None)
        found = _header(rows)
        if found is not None and "laddbar" in title and "andel" in title:
            return name, rows, *found
    return None


def matches(book: Book) -> bool:
    return _sheet(book) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    found = _sheet(book)
    if found is None:
        raise SourceError(
            _("no sheet with the heading Kommun and one column per year"), book.filename
        )
    _name, rows, header, years = found
    walk = RowWalk(book.filename, header, "Kommun", names)
    records = []
    for index, row, code in walk.rows(rows):
        for year in sorted(years):
            share = walk.value(row, index, str(year), _fraction)
            if share is not None:
                records.append(Record(code, KEY, year, number=share * 100, row=index))
    first, last = min(years), max(years)
    reading = Reading(KIND, PUBLISHER, f"{first}–{last}", None, records)
    return finish(reading, walk.problems, book.filename)


def _fraction(value: object) -> float | None:
    """A share as a fraction; an empty cell is a year without figures."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if not cell_text(value):
        return None
    return float(cell_text(value).replace(",", "."))
