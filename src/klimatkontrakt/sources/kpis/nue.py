"""Upphandlingsmyndigheten's national procurement survey (Nationella upphandlingsenkäten,
`NUE2022_DATA_2023-12-20.xlsx`): one row per organisation (`ORG_NAMN`, `ORG_TYP`) with
`BINÄRT_UTFALL`, 1 when it sets climate requirements. Municipalities are `ORG_TYP` Kommun
("Falu kommun", "Haparanda stad"); Region Gotland, a municipality, is listed as a region."""

from __future__ import annotations

import datetime as dt
import re

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.kpis.common import (
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    cell,
    finish,
    norm,
    number,
    sheet_with_columns,
    table_with_columns,
)
from klimatkontrakt.sources.kpis.workbook import Book, Row

KIND = "nue_survey"
PUBLISHER = "Upphandlingsmyndigheten (NUE)"
COLUMNS = ("ORG_NAMN", "ORG_TYP", "BINÄRT_UTFALL")


def matches(book: Book) -> bool:
    return sheet_with_columns(book, COLUMNS) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    sheet, rows, header = table_with_columns(book, COLUMNS)
    kind_col = header.columns["ORG_TYP"]

    def other_organisation(row: Row) -> bool:
        kind = norm(cell(row, kind_col))
        if kind == "kommun":
            return False
        # A region that is also its county's only municipality (Region Gotland) counts; other
        # regions ("Region Uppsala" is not Uppsala kommun), companies and agencies do not.
        code = names.code(cell(row, header.columns["ORG_NAMN"])) if kind == "region" else None
        return code is None or sum(c[:2] == code[:2] for c in names.names) != 1

    walk = RowWalk(book.filename, header, "ORG_NAMN", names)
    survey = re.search(r"NUE\s*(20\d\d)", f"{book.filename} {sheet}", re.IGNORECASE)
    year = int(survey.group(1)) if survey else None
    records = []
    for index, row, code in walk.rows(rows, skip=other_organisation):
        outcome = walk.value(row, index, "BINÄRT_UTFALL", number)
        if outcome is not None:
            records.append(Record(code, "procurement_survey", year, number=outcome, row=index))
    dated = re.search(r"(20\d\d)-(\d\d)-(\d\d)", book.filename)
    date = dt.date(*map(int, dated.groups())) if dated else None
    edition = f"NUE{year}" if year else cell_text(sheet)
    return finish(Reading(KIND, PUBLISHER, edition, date, records), walk.problems, book.filename)
