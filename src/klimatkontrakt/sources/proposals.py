"""A file of proposals (a class workshop's ideas, citizens' proposals collected on paper) as
CSV, XLSX or XLS (docs/engagement.md, "Proposals").

Header in the first row, one proposal per row. Columns: `text` (required), `school`, `grade`,
`theme` (several separated by commas or semicolons) and `received` (YYYY-MM-DD); the Swedish
headings `förslag`, `skola`, `årskurs`, `tema` and `inkommen` mean the same. No column for a
name or contact details: pupils' proposals carry school and grade only. Every bad cell is
reported with file, row and column; a file with any problem is refused whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.workbooks import table_rows

COLUMNS = ("text", "school", "grade", "theme", "received")
SWEDISH = {
    "förslag": "text",
    "text": "text",
    "skola": "school",
    "årskurs": "grade",
    "klass": "grade",
    "tema": "theme",
    "teman": "theme",
    "inkommen": "received",
    "inkommet": "received",
    "datum": "received",
}
MAX_TEXT = 4000
MAX_SCHOOL = 120
MAX_THEME = 60
MAX_GRADE = 12
_GRADE = re.compile(r"^(?:åk\s*)?(\d{1,2})\s*[a-zåäö]?$", re.IGNORECASE)


@dataclass(frozen=True)
class ProposalRow:
    row: int
    text: str
    school: str = ""
    grade: int | None = None
    themes: tuple[str, ...] = ()
    received: date | None = None


def _column(heading: str) -> str:
    name = heading.strip().casefold()
    return SWEDISH.get(name, name)


def _grade(value: str) -> int | None:
    """'5', '5B', 'åk 5' → 5; a class letter is dropped so a class finds its grade."""
    match = _GRADE.match(value.strip())
    if not match:
        return None
    grade = int(match.group(1))
    return grade if grade <= MAX_GRADE else None


def parse_proposals(data: bytes, filename: str, *, today: date | None = None) -> list[ProposalRow]:
    rows = table_rows(data, filename)
    if not rows or not any(cell for cell in rows[0]):
        raise SourceError(_("the file is empty"), filename)
    header = [_column(h) for h in rows[0]]
    # Problems name a column as the file heads it ("årskurs"), not by its internal name.
    heading = {name: h.strip() for name, h in zip(header, rows[0], strict=True) if name}
    problems: list[RowProblem] = []
    if "text" not in header:
        problems.append(RowProblem(filename, 1, "text", _("required column is missing")))
    problems += [
        RowProblem(
            filename,
            1,
            original,
            _("unknown column; the columns are %(columns)s") % {"columns": ", ".join(COLUMNS)},
        )
        for original, name in zip(rows[0], header, strict=True)
        if name and name not in COLUMNS
    ]
    if problems:
        raise SourceError(problems)
    out: list[ProposalRow] = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {h: v.strip() for h, v in zip(header, values, strict=False) if h}
        if not any(cells.values()):
            continue
        found: list[RowProblem] = []

        def bad(column: str, message: str, n: int = number, sink: list = found) -> None:
            sink.append(RowProblem(filename, n, heading.get(column, column), message))

        text = cells.get("text", "")
        if not text:
            bad("text", _("must not be empty"))
        elif len(text) > MAX_TEXT:
            bad("text", _("at most %(n)s characters") % {"n": MAX_TEXT})
        school = cells.get("school", "")
        if len(school) > MAX_SCHOOL:
            bad("school", _("at most %(n)s characters") % {"n": MAX_SCHOOL})
        grade = None
        if cells.get("grade"):
            grade = _grade(cells["grade"])
            if grade is None:
                bad(
                    "grade",
                    _("%(value)s is not a grade from 0 to %(max)s")
                    % {"value": repr(cells["grade"]), "max": MAX_GRADE},
                )
        themes = tuple(
            dict.fromkeys(t.strip() for t in re.split(r"[,;]", cells.get("theme", "")) if t.strip())
        )
        if any(len(t) > MAX_THEME for t in themes):
            bad("theme", _("a theme has at most %(n)s characters") % {"n": MAX_THEME})
        received = None
        if cells.get("received"):
            try:
                received = date.fromisoformat(cells["received"][:10])
            except ValueError:
                bad(
                    "received",
                    _("%(value)s is not a date (write YYYY-MM-DD)")
                    % {"value": repr(cells["received"])},
                )
            else:
                if today is not None and received > today:
                    bad("received", _("the date lies in the future"))
        if found:
            problems += found
            continue
        out.append(ProposalRow(number, text, school, grade, themes, received))
    if problems:
        raise SourceError(problems)
    return out
