"""SCB's population per municipality and month (Statistikdatabasen table 000007SF, exported
as XLSX): a title, a row naming the month (`2025M12`), then rows `0114 Upplands Väsby`, age,
sex, count; notes below."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.kpis.common import (
    NameMatcher,
    Reading,
    Record,
    bad_number,
    cell,
    finish,
    norm,
    unmatched,
)
from klimatkontrakt.sources.kpis.workbook import Book, Row

KIND = "scb_population"
PUBLISHER = "SCB"
PERIOD = re.compile(r"^(\d{4})M(\d{2})$")
LABEL = re.compile(r"^(\d{4})\s+(.+)$")


def _period(rows: list[Row]) -> tuple[int, int, dt.date, str] | None:
    """The header row (1-based), the period column, the month's last day and its label."""
    for index, row in enumerate(rows[:20]):
        periods = [(i, m) for i, c in enumerate(row) if (m := PERIOD.match(cell_text(c)))]
        if periods:
            col, found = periods[-1]
            year, month = int(found.group(1)), int(found.group(2))
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            return index + 1, col, last, found.group(0)
    return None


def matches(book: Book) -> bool:
    rows = next(iter(book.sheets.values()), [])
    return bool(rows) and "folkmängd" in norm(cell(rows[0], 0)) and _period(rows) is not None


def read(book: Book, names: NameMatcher) -> Reading:
    rows = next(iter(book.sheets.values()), [])
    found = _period(rows)
    if found is None:
        raise SourceError(_("no column headed by a month such as 2025M12"), book.filename)
    header_row, col, last_day, label = found
    problems: list[RowProblem] = []
    records = []
    for index, row in enumerate(rows[header_row:], start=header_row + 1):
        match = LABEL.match(cell_text(cell(row, 0)))
        if match is None:
            continue  # notes under the table
        code = match.group(1) if match.group(1) in names.names else names.code(match.group(2))
        if code is None:
            problems.append(unmatched(book.filename, index, "A", cell(row, 0)))
            continue
        raw = cell(row, col)
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            try:
                raw = float(cell_text(raw).replace(" ", ""))
            except ValueError:
                problems.append(bad_number(book.filename, index, label, raw))
                continue
        records.append(Record(code, "population", last_day.year, number=float(raw), row=index))
    reading = Reading(KIND, PUBLISHER, label, last_day, records)
    return finish(reading, problems, book.filename)
