"""Consumption-based emissions per resident (kg CO2e a person) per municipality, the workbook
Klimatkollen shares (`Klimatkollen_data for 2023_shared April 2026.xlsx`): a sheet with
`Kommunkod` and `Total_emissions_per_capita` per municipality (and one per county, skipped).
The year is the one the file's name gives ("data for 2023")."""

from __future__ import annotations

import re

from klimatkontrakt.sources.kpis.common import (
    Header,
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    cell,
    finish,
    number,
    sheet_with_columns,
    table_with_columns,
    unmatched,
)
from klimatkontrakt.sources.kpis.workbook import Book

KIND = "consumption_per_capita"
PUBLISHER = "Klimatkollen (konsumtionsbaserade utsläpp)"
COLUMNS = ("Kommunkod", "Total_emissions_per_capita")


def _county_sheet(name: str) -> bool:
    # The municipalities' sheet before the counties' one, whatever the order in the book.
    return "county" in name.lower() or "län" in name.lower()


def matches(book: Book) -> bool:
    return sheet_with_columns(book, COLUMNS, last=_county_sheet) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    sheet, rows, header = table_with_columns(book, COLUMNS, last=_county_sheet)
    year_match = re.search(r"(?i)(?:for|för)\s+(20\d\d)", book.filename)
    year = int(year_match.group(1)) if year_match else None
    walk = RowWalk(book.filename, Header(header.row, header.columns), "Kommunkod", names)
    records = []
    for index, row in enumerate(rows[header.row :], start=header.row + 1):
        raw = cell(row, header.columns["Kommunkod"])
        if raw is None:
            continue
        code = names.code_of_number(raw)
        if code is None:
            walk.problems.append(unmatched(book.filename, index, header.where("Kommunkod"), raw))
            continue
        kg = walk.value(row, index, "Total_emissions_per_capita", number)
        if kg is not None:
            records.append(
                Record(code, "consumption_t_per_capita", year, number=kg / 1000, row=index)
            )
    edition_match = re.search(r"(?i)shared\s+(.+?)\.xlsx$", book.filename)
    edition = f"{year or ''} ({edition_match.group(1)})" if edition_match else str(year or "")
    return finish(
        Reading(KIND, PUBLISHER, edition.strip(), None, records), walk.problems, book.filename
    )
