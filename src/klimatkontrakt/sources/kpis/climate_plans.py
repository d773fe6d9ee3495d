"""Klimatkollen's register of municipalities' climate plans (`klimatplaner.xlsx`): a title row,
then `Kommun`, `Länk till aktuell klimatplan`, `Antagen år`, `Namn, giltighetsår, kommentar`
per municipality ("Ale kommun", "Region Gotland (kommun)"). Other sheets are the editors' own
working lists and are not read."""

from __future__ import annotations

import re

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

KIND = "climate_plans"
PUBLISHER = "Klimatkollen (klimatplaner)"
LINK, YEAR, COMMENT = "Länk till aktuell klimatplan", "Antagen år", "Namn, giltighetsår, kommentar"
COLUMNS = ("Kommun", LINK, YEAR, COMMENT)


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
    records = []
    for index, row, code in walk.rows(rows):
        link = cell_text(cell(row, header.columns[LINK]))
        adopted = re.search(r"(19|20)\d\d", cell_text(cell(row, header.columns[YEAR])))
        records.append(
            Record(
                code,
                "climate_plan",
                int(adopted.group(0)) if adopted else None,
                number=float(adopted.group(0)) if adopted else None,
                text=cell_text(cell(row, header.columns[COMMENT])),
                link=link,
                row=index,
            )
        )
    return finish(Reading(KIND, PUBLISHER, "", None, records), walk.problems, book.filename)
