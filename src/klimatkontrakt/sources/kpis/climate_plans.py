"""Klimatkollen's register of municipalities' climate plans (`klimatplaner.xlsx`): a title row,
then `Kommun`, `Länk till aktuell klimatplan`, `Antagen år`, `Namn, giltighetsår, kommentar`
per municipality ("Ale kommun", "Region Gotland (kommun)"). Other sheets are the editors' own
working lists and are not read."""

from __future__ import annotations

import re

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

KIND = "climate_plans"
PUBLISHER = "Klimatkollen (klimatplaner)"
LINK, YEAR, COMMENT = "Länk till aktuell klimatplan", "Antagen år", "Namn, giltighetsår, kommentar"
COLUMNS = ("Kommun", LINK, YEAR, COMMENT)


def matches(book: Book) -> bool:
    return sheet_with_columns(book, COLUMNS) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    sheet, rows, header = table_with_columns(book, COLUMNS)
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
