"""The action table of an action plan as an Excel workbook (docs/followup.md).

First sheet, header in the first row, one action per row. Every bad cell is reported with
file, row and column; a file with any problem is refused whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.textfiles import ZIP_MAGIC
from klimatkontrakt.sources.workbooks import sheet_rows

REQUIRED = ("identifier", "title")
OPTIONAL = (
    "work_package",
    "description",
    "responsible_department",
    "contact_name",
    "contact_email",
    "start_date",
    "end_date",
    "status",
    "progress",
)
COLUMNS = REQUIRED + OPTIONAL
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ActionRow:
    """One row, checked and typed; empty optional cells are "" or None."""

    row: int
    identifier: str
    title: str
    work_package: str = ""
    description: str = ""
    responsible_department: str = ""
    contact_name: str = ""
    contact_email: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: str = ""
    progress: int | None = None


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(cell_text(value))


def parse_action_table(data: bytes, filename: str) -> list[ActionRow]:
    if not data.startswith(ZIP_MAGIC):
        raise SourceError(
            _("the file is empty")
            if not data.strip()
            else _("not an Excel workbook (.xlsx); save the action table as .xlsx in Excel"),
            filename,
        )
    rows = list(sheet_rows(data, filename))
    if not rows:
        raise SourceError(_("the first sheet is empty"), filename)
    header = [cell_text(h).casefold() for h in rows[0]]
    problems = [
        RowProblem(filename, 1, name, _("required column is missing"))
        for name in REQUIRED
        if name not in header
    ]
    problems += [
        RowProblem(
            filename,
            1,
            name,
            _("unknown column; the columns are %(columns)s") % {"columns": ", ".join(COLUMNS)},
        )
        for name in header
        if name and name not in COLUMNS
    ]
    if problems:
        raise SourceError(problems)
    out: list[ActionRow] = []
    seen: dict[str, int] = {}
    for number, values in enumerate(rows[1:], start=2):
        cells = {h: v for h, v in zip(header, values, strict=False) if h}
        if all(cell_text(v) == "" for v in cells.values()):
            continue
        row_problems: list[RowProblem] = []

        def bad(
            column: str, message: str, n: int = number, sink: list[RowProblem] = row_problems
        ) -> None:
            sink.append(RowProblem(filename, n, column, message))

        fields: dict[str, Any] = {c: cell_text(cells.get(c)) for c in COLUMNS}
        for name in REQUIRED:
            if not fields[name]:
                bad(name, _("must not be empty"))
        if len(fields["identifier"]) > 20:
            bad("identifier", _("at most 20 characters"))
        if fields["identifier"] in seen:
            bad(
                "identifier",
                _("already used in row %(row)s") % {"row": seen[fields["identifier"]]},
            )
        seen.setdefault(fields["identifier"], number)
        if fields["contact_email"] and not _EMAIL.match(fields["contact_email"]):
            bad(
                "contact_email",
                _("%(value)s is not an e-mail address") % {"value": repr(fields["contact_email"])},
            )
        for name in ("start_date", "end_date"):
            raw = cells.get(name)
            if cell_text(raw) == "":
                fields[name] = None
                continue
            try:
                fields[name] = _date(raw)
            except ValueError:
                bad(
                    name,
                    _("%(value)s is not a date (write YYYY-MM-DD)")
                    % {"value": repr(cell_text(raw))},
                )
                fields[name] = None
        if (
            fields["start_date"]
            and fields["end_date"]
            and fields["end_date"] < fields["start_date"]
        ):
            bad("end_date", _("ends before it starts"))
        if fields["progress"] == "":
            fields["progress"] = None
        else:
            try:
                progress = int(float(fields["progress"].rstrip("%").replace(",", ".")))
            except ValueError:
                progress = -1
            if not 0 <= progress <= 100:
                bad(
                    "progress",
                    _("%(value)s is not a percentage from 0 to 100")
                    % {"value": repr(fields["progress"])},
                )
            fields["progress"] = progress
        if row_problems:
            problems += row_problems
            continue
        out.append(ActionRow(row=number, **fields))
    if problems:
        raise SourceError(problems)
    return out
