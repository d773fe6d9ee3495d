"""Trafikanalys, *Fordon i län och kommuner* (one edition a year): the table of new
registrations of passenger cars by municipality and fuel (`Tabell 5 Personbil` in 2025).

Layout: title rows, a heading block over several rows (`Kommun-`/`kod`, `Kommun`, `Bensin` ...,
`El`, `Elhybrider`, `Laddhybrider`, ..., `Totalt`), then one row per municipality with its code,
county subtotal rows and `Hela riket`. `–` means none.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis.common import (
    Header,
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    cell,
    count,
    find_header,
    finish,
    norm,
    unmatched,
    year_in,
)
from klimatkontrakt.sources.kpis.workbook import Book, Row

KIND = "trafikanalys_new_cars"
PUBLISHER = "Trafikanalys"
COLUMNS = ("Kommun", "El", "Laddhybrider", "Totalt")
TITLE = "nyregistrerade personbilar efter kommun"


def _sheet(book: Book) -> tuple[str, list[Row]] | None:
    for name, rows in book.sheets.items():
        if rows and TITLE in norm(cell(rows[0], 0)):
            return name, rows
    return None


def matches(book: Book) -> bool:
    return _sheet(book) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    found = _sheet(book)
    if found is None:
        raise SourceError(
            _("no sheet titled %(title)s") % {"title": "Nyregistrerade personbilar efter kommun"},
            book.filename,
        )
    sheet, rows = found
    header = find_header(rows, COLUMNS, filename=book.filename, sheet=sheet)
    # The code's heading is broken over two rows ("Kommun-" above "kod"); first column if not.
    heads = [norm(c) for c in rows[header.row - 1]]
    code_col = next((i for i, c in enumerate(heads) if c.startswith("kommun-")), 0)
    header = Header(header.row, {**header.columns, "Kommunkod": code_col})
    year = year_in(cell_text(cell(rows[0], 0)))
    walk = RowWalk(book.filename, header, "Kommun", names)
    records: list[Record] = []
    for index, row in enumerate(rows[header.row :], start=header.row + 1):
        code_cell = cell(row, code_col)
        if not cell_text(code_cell).isdigit():
            continue  # county subtotals, the national total, notes
        code = names.code_of_number(code_cell)
        if code is None:
            walk.problems.append(
                unmatched(book.filename, index, header.where("Kommunkod"), code_cell)
            )
            continue
        el = walk.value(row, index, "El", count)
        plug_in = walk.value(row, index, "Laddhybrider", count)
        total = walk.value(row, index, "Totalt", count)
        if el is None or plug_in is None or total is None:
            continue
        records += [
            Record(code, "new_cars_rechargeable", year, number=el + plug_in, row=index),
            Record(code, "new_cars_total", year, number=total, row=index),
        ]
    edition_date = dt.date(year, 12, 31) if year else None
    reading = Reading(KIND, PUBLISHER, str(year or ""), edition_date, records)
    return finish(reading, walk.problems, book.filename)
