"""Consumption-based emissions per resident (kg CO2e a person) per municipality, the workbook
Klimatkollen shares (`Klimatkollen_data for 2023_shared April 2026.xlsx`): a sheet with
`Kommunkod` and `Total_emissions_per_capita` per municipality (and one per county, skipped).
The year is the one the file's name gives ("data for 2023")."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis.common import (
    Header,
    NameMatcher,
    Reading,
    Record,
    RowWalk,
    cell,
    find_header,
    finish,
    norm,
    number,
    unmatched,
)
from klimatkontrakt.sources.kpis.workbook import Book, Row

KIND = "consumption_per_capita"
PUBLISHER = "Klimatkollen (konsumtionsbaserade utsläpp)"
COLUMNS = ("Kommunkod", "Total_emissions_per_capita")


def _sheet(book: Book) -> tuple[str, list[Row]] | None:
    candidates = [(n, r) for n, r in book.sheets.items() if r]
    # The municipalities' sheet before the counties' one, whatever the order in the book.
    candidates.sort(key=lambda item: "county" in item[0].lower() or "län" in item[0].lower())
    for name, rows in candidates:
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
