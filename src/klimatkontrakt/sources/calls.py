"""Calls for funding (utlysningar) as the funders publish them, read into plain records.

Three layouts (docs/funding.md, "Calls"):
- Vinnova's open data: the `utlysningar` list (the call: reference, title, description) and the
  `ansokningsomgangar` list (its application rounds, each with opening and closing date). One
  record per round, since each round has its own deadline.
- The agencies' common open-data API, `utlysningar`: one object per call with its funder.
- The project's own template (CSV or XLSX) for every other call.

Every reader is strict: a missing or malformed field refuses the whole input with the object
or row and the field named, and nothing is stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.workbooks import table_rows

MAX_TITLE = 300
MAX_DESCRIPTION = 8000
MAX_LINK = 500
MAX_FUNDER = 200
MAX_REFERENCE = 60
MAX_TERM = 80

VINNOVA = "Vinnova"
SOURCE_VINNOVA = "vinnova"
SOURCE_COMMON = "common-api"
SOURCE_TEMPLATE = "template"

TEMPLATE_COLUMNS = (
    "funder",
    "reference",
    "title",
    "description",
    "opens",
    "closes",
    "link",
    "categories",
    "sectors",
)
SWEDISH = {
    "finansiär": "funder",
    "diarienummer": "reference",
    "titel": "title",
    "beskrivning": "description",
    "öppnar": "opens",
    "stänger": "closes",
    "länk": "link",
    "kategorier": "categories",
    "sektorer": "sectors",
}
REQUIRED = ("funder", "title", "closes")


@dataclass(frozen=True)
class CallRecord:
    """One call (or one application round of a call) as read from a source."""

    row: int
    funder: str
    reference: str
    title: str
    description: str
    opens_on: date | None
    closes_on: date
    link: str
    categories: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    source: str = SOURCE_TEMPLATE


def terms(text: str) -> tuple[str, ...]:
    """'Energi; transport, Energi' → ('Energi', 'transport'): split, trimmed, first kept."""
    return tuple(dict.fromkeys(t.strip() for t in re.split(r"[,;|]", text) if t.strip()))


def parse_date(value: str) -> date:
    """'2027-03-01' or '2027-03-01T13:00:00' → the date; anything else raises ValueError."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", text):
        raise ValueError(text)
    return date.fromisoformat(text[:10])


class _Checker:
    """Collects the problems of one input, each with file, row (or object) and field."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[RowProblem] = []

    def bad(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(RowProblem(self.filename, row, column, message))

    def text(
        self, row: int, obj: Mapping[str, Any], key: str, limit: int, *, required: bool = False
    ) -> str:
        value = obj.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.bad(row, key, _("must be text"))
            return ""
        value = value.strip()
        if required and not value:
            self.bad(row, key, _("must not be empty"))
        elif len(value) > limit:
            self.bad(row, key, _("at most %(n)s characters") % {"n": limit})
        return value

    def day(self, row: int, obj: Mapping[str, Any], key: str, *, required: bool) -> date | None:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.bad(row, key, _("must not be empty"))
            return None
        if not isinstance(value, str):
            self.bad(row, key, _("must be a date as text (YYYY-MM-DD)"))
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.bad(
                row, key, _("%(value)s is not a date (write YYYY-MM-DD)") % {"value": repr(value)}
            )
            return None

    def link(self, row: int, value: str, column: str) -> str:
        if value and not re.match(r"^https?://[^\s]+$", value):
            self.bad(row, column, _("a link starts with http:// or https://"))
        return value

    def term_list(self, row: int, obj: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = obj.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.bad(row, key, _("must be a list of texts"))
            return ()
        out = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
        if any(len(t) > MAX_TERM for t in out):
            self.bad(row, key, _("a term has at most %(n)s characters") % {"n": MAX_TERM})
        return out

    def dates_in_order(
        self, row: int, opens: date | None, closes: date | None, column: str
    ) -> None:
        if opens is not None and closes is not None and closes < opens:
            self.bad(row, column, _("the call closes before it opens"))

    def done(self) -> None:
        if self.problems:
            raise SourceError(self.problems)


def _json_list(data: bytes, filename: str) -> list[Any]:
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SourceError(_("the file is not JSON (%(error)s)") % {"error": exc}, filename) from exc
    if not isinstance(body, list):
        raise SourceError(_("the file is not a JSON list of objects"), filename)
    return body


def _objects(items: list[Any], check: _Checker) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            out.append((number, item))
        else:
            check.bad(number, None, _("is not a JSON object"))
    return out


def parse_vinnova(
    calls: bytes,
    rounds: bytes,
    calls_name: str = "utlysningar.json",
    rounds_name: str = "ansokningsomgangar.json",
) -> list[CallRecord]:
    """Vinnova's `utlysningar` and `ansokningsomgangar` lists: one record per round that belongs
    to a call in the first list (a round of a call that is not there is a refused input)."""
    check_calls = _Checker(calls_name)
    by_reference: dict[str, tuple[str, str, str]] = {}
    for number, obj in _objects(_json_list(calls, calls_name), check_calls):
        reference = check_calls.text(number, obj, "Diarienummer", MAX_REFERENCE, required=True)
        title = check_calls.text(number, obj, "Titel", MAX_TITLE, required=True)
        description = check_calls.text(number, obj, "Beskrivning", MAX_DESCRIPTION)
        link = check_calls.link(number, check_calls.text(number, obj, "Url", MAX_LINK), "Url")
        if reference in by_reference:
            check_calls.bad(
                number,
                "Diarienummer",
                _("the reference %(ref)s appears twice") % {"ref": reference},
            )
        by_reference[reference] = (title, description, link)
    check_calls.done()
    check = _Checker(rounds_name)
    out: list[CallRecord] = []
    seen: set[str] = set()
    for number, obj in _objects(_json_list(rounds, rounds_name), check):
        reference = check.text(number, obj, "Diarienummer", MAX_REFERENCE, required=True)
        parent = check.text(number, obj, "DiarienummerUtlysning", MAX_REFERENCE, required=True)
        round_title = check.text(number, obj, "Titel", MAX_TITLE)
        opens = check.day(number, obj, "Oppningsdatum", required=False)
        closes = check.day(number, obj, "Stangningsdatum", required=True)
        check.dates_in_order(number, opens, closes, "Stangningsdatum")
        if reference in seen:
            check.bad(
                number,
                "Diarienummer",
                _("the reference %(ref)s appears twice") % {"ref": reference},
            )
        seen.add(reference)
        if parent and parent not in by_reference:
            check.bad(
                number,
                "DiarienummerUtlysning",
                _("no call with the reference %(ref)s in %(file)s")
                % {"ref": parent, "file": calls_name},
            )
            continue
        if closes is None or not parent:
            continue
        title, description, link = by_reference[parent]
        if round_title and round_title != title:
            title = f"{title}: {round_title}"[:MAX_TITLE]
        out.append(
            CallRecord(
                number,
                VINNOVA,
                reference,
                title,
                description,
                opens,
                closes,
                link,
                source=SOURCE_VINNOVA,
            )
        )
    check.done()
    return out


def parse_common_calls(data: bytes, filename: str = "utlysningar.json") -> list[CallRecord]:
    """One page of the common API's `utlysningar` (a JSON list of calls)."""
    return common_calls(_json_list(data, filename), filename)


def common_calls(items: list[Any], filename: str, first_row: int = 1) -> list[CallRecord]:
    check = _Checker(filename)
    out: list[CallRecord] = []
    for number, obj in _objects(items, check):
        row = first_row + number - 1
        reference = check.text(row, obj, "diarienummer", MAX_REFERENCE, required=True)
        funder = check.text(row, obj, "finansiar", MAX_FUNDER, required=True)
        title = check.text(row, obj, "titel", MAX_TITLE, required=True)
        description = check.text(row, obj, "beskrivning", MAX_DESCRIPTION)
        opens = check.day(row, obj, "oppningsdatum", required=False)
        closes = check.day(row, obj, "stangningsdatum", required=True)
        check.dates_in_order(row, opens, closes, "stangningsdatum")
        link = check.link(row, check.text(row, obj, "url", MAX_LINK), "url")
        categories = check.term_list(row, obj, "amnesomraden")
        if closes is None or check.problems:
            continue
        out.append(
            CallRecord(
                row,
                funder,
                reference,
                title,
                description,
                opens,
                closes,
                link,
                categories,
                (),
                SOURCE_COMMON,
            )
        )
    check.done()
    return out


def _column(heading: str) -> str:
    name = heading.strip().casefold()
    return SWEDISH.get(name, name)


def parse_call_template(data: bytes, filename: str) -> list[CallRecord]:
    """The project's template (CSV or XLSX): header in the first row, one call per row."""
    rows = table_rows(data, filename)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise SourceError(_("the file is empty"), filename)
    header = [_column(h) for h in rows[0]]
    heading = {name: h.strip() for name, h in zip(header, rows[0], strict=True) if name}
    check = _Checker(filename)
    for column in REQUIRED:
        if column not in header:
            check.bad(1, column, _("required column is missing"))
    for original, name in zip(rows[0], header, strict=True):
        if name and name not in TEMPLATE_COLUMNS:
            check.bad(
                1,
                original,
                _("unknown column; the columns are %(columns)s")
                % {"columns": ", ".join(TEMPLATE_COLUMNS)},
            )
    check.done()
    out: list[CallRecord] = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {h: v.strip() for h, v in zip(header, values, strict=False) if h}
        if not any(cells.values()):
            continue
        before = len(check.problems)
        named = _Checker(filename)
        funder = named.text(number, cells, "funder", MAX_FUNDER, required=True)
        reference = named.text(number, cells, "reference", MAX_REFERENCE)
        title = named.text(number, cells, "title", MAX_TITLE, required=True)
        description = named.text(number, cells, "description", MAX_DESCRIPTION)
        opens = named.day(number, cells, "opens", required=False)
        closes = named.day(number, cells, "closes", required=True)
        named.dates_in_order(number, opens, closes, "closes")
        link = named.link(number, named.text(number, cells, "link", MAX_LINK), "link")
        categories = terms(cells.get("categories", ""))
        sectors = terms(cells.get("sectors", ""))
        if any(len(t) > MAX_TERM for t in categories + sectors):
            named.bad(
                number, "categories", _("a term has at most %(n)s characters") % {"n": MAX_TERM}
            )
        # Problems name a column as the file heads it ("stänger"), not by its internal name.
        check.problems += [
            RowProblem(p.file, p.row, heading.get(p.column or "", p.column), p.message)
            for p in named.problems
        ]
        if len(check.problems) > before or closes is None:
            continue
        out.append(
            CallRecord(
                number,
                funder,
                reference,
                title,
                description,
                opens,
                closes,
                link,
                categories,
                sectors,
            )
        )
    check.done()
    return out
