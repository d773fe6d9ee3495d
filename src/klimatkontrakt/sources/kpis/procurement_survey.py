"""Greenpeace's survey of climate requirements in municipal procurement (`Klimatkrav offentlig
upphandling kartläggning.xlsx`): sheet `Kommuner`, one row per municipality, with a link
(`Länk Klimat krav`, a heading broken over three lines) where a published requirement was found.
"""

from __future__ import annotations

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.kpis.common import (
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    cell,
    finish,
    sheet_with_columns,
    table_with_columns,
)
from klimatkontrakt.sources.kpis.workbook import Book

KIND = "procurement_requirements_found"
PUBLISHER = "Greenpeace"
LINK = "Länk Klimat krav"
COLUMNS = ("Kommun", LINK)


def matches(book: Book) -> bool:
    return sheet_with_columns(book, COLUMNS) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    sheet, rows, header = table_with_columns(book, COLUMNS)
    walk = RowWalk(book.filename, header, "Kommun", names)
    records = [
        Record(
            code,
            "procurement_link",
            None,
            link=cell_text(cell(row, header.columns[LINK])),
            row=index,
        )
        for index, row, code in walk.rows(rows)
    ]
    return finish(Reading(KIND, PUBLISHER, "", None, records), walk.problems, book.filename)
