"""Greenpeace's survey of climate requirements in municipal procurement (`Klimatkrav offentlig
upphandling kartläggning.xlsx`): sheet `Kommuner`, one row per municipality, with a link
(`Länk Klimat krav`, a heading broken over three lines) where a published requirement was found.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis.common import (
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    cell,
    find_header,
    finish,
    norm,
)
from klimatkontrakt.sources.kpis.workbook import Book, Row

KIND = "procurement_requirements_found"
PUBLISHER = "Greenpeace"
LINK = "Länk Klimat krav"
COLUMNS = ("Kommun", LINK)


def _sheet(book: Book) -> tuple[str, list[Row]] | None:
    for name, rows in book.sheets.items():
        heads = {norm(c) for r in rows[:5] for c in r}
        if all(norm(c) in heads for c in COLUMNS):
            return name, rows
    return None


def matches(book: Book) -> bool:
    return _sheet(book) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    found = _sheet(book)
    if found is None:
        raise SourceError(
            _("no sheet with the columns %(columns)s") % {"columns": ", ".join(COLUMNS)},
            book.filename,
        )
    sheet, rows = found
    header = find_header(rows, COLUMNS, filename=book.filename, sheet=sheet)
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
