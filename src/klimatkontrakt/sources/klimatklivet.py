"""Naturvårdsverket's list of granted Klimatklivet projects (xlsx).

The workbook has three sheets (Per åtgärdskategori, Per län, Per kommun) holding the same rows
sorted differently; the reader takes *Per åtgärdskategori*, else the first sheet, and finds the
columns by the start of their heading. The file has no organisation numbers: recipients are
matched to a city by `Kommun` and name. Charging-point rows (Ladda bilen, regulation 2019:525)
have no municipality and are counted per county only, where the file names one. A row without a
granted amount (the June 2026 edition has one) is left out and counted as such.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import CellError, RowProblem, SourceError
from klimatkontrakt.sources.grant_records import GrantRecord, amount_cell, date_cell
from klimatkontrakt.sources.workbooks import all_sheets

FUNDER = "Naturvårdsverket"
PROGRAMME = "Klimatklivet"
SHEET = "Per åtgärdskategori"
CHARGING = "Laddstation"
EXCEL_EPOCH = dt.date(1899, 12, 30)

# key: the start of the heading in the file
COLUMNS = {
    "reference": "Ärendenummer",
    "recipient": "Organisationsnamn",
    "title": "Rubrik",
    "category": "Åtgärdskategori",
    "county": "Län",
    "municipality": "Kommun",
    "amount": "Senast tillgängligt beviljat stödbelopp",
    "points": "Summering Antal laddpunkter",
    "decided": "Bifallsdatum",
    "end": "Senast tillgängligt slutdatum",
    "status": "Status",
    "regulation": "Förordning",
}
REQUIRED = ("reference", "recipient", "title", "category", "amount", "decided")


@dataclass
class KlimatklivetFile:
    records: list[GrantRecord]
    without_amount: list[int] = field(default_factory=list)  # rows left out


def _date(value: object, column: str) -> dt.date | None:
    """A cell holding a date, an Excel serial number or ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 20000 <= value <= 80000:  # 1954 .. 2119
            raise CellError(column, _("“%(value)s” is not a date") % {"value": value})
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    return date_cell(str(value), column)


def _columns(header: tuple[object, ...], name: str) -> dict[str, int]:
    texts = [cell_text(h) for h in header]
    found: dict[str, int] = {}
    for key, start in COLUMNS.items():
        for i, text in enumerate(texts):
            if text.lower().startswith(start.lower()) and i not in found.values():
                # "Län" must not take "Laddinfra ..." nor "Kommun" "Kommuner"; exact first.
                found[key] = i
                break
    missing = [COLUMNS[k] for k in REQUIRED if k not in found]
    if missing:
        raise SourceError(
            [
                RowProblem(name, 1, c, _("the column “%(column)s” is missing") % {"column": c})
                for c in missing
            ]
        )
    return found


def read_klimatklivet(data: bytes, name: str) -> KlimatklivetFile:
    """The granted projects, all or nothing, every bad cell named by sheet row and column."""
    sheets = all_sheets(data, name)
    if not sheets:
        raise SourceError(_("the workbook has no sheets"), name)
    rows = sheets.get(SHEET) or next(iter(sheets.values()))
    if not rows:
        raise SourceError(_("the file is empty"), name)
    at = _columns(rows[0], name)
    header = [cell_text(h) for h in rows[0]]
    result = KlimatklivetFile(records=[])
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell_text(v) for v in row):
            continue

        def raw(key: str, row: tuple[object, ...] = row) -> object:
            i = at.get(key)
            return row[i] if i is not None and i < len(row) else None

        def text(key: str) -> str:
            return cell_text(raw(key))

        def column(key: str) -> str:
            return header[at[key]] if key in at else COLUMNS[key]

        try:
            reference = text("reference")
            if not reference:
                raise CellError(column("reference"), _("the case number is missing"))
            if reference in seen:
                raise CellError(
                    column("reference"),
                    _("the case number %(ref)s is on row %(row)s already")
                    % {"ref": reference, "row": seen[reference]},
                )
            seen[reference] = number
            recipient = text("recipient")
            if not recipient:
                raise CellError(column("recipient"), _("the organisation name is missing"))
            decided = _date(raw("decided"), column("decided"))
            if decided is None:
                raise CellError(column("decided"), _("the decision date is missing"))
            amount_text = text("amount")
            if not amount_text:
                result.without_amount.append(number)
                continue
            amount: Decimal = amount_cell(amount_text, column("amount"))
            end = _date(raw("end"), column("end"))
            category = text("category")
            title = text("title")
            if category == CHARGING and text("points"):
                title = title or _("%(n)s charging points") % {"n": text("points")}
        except CellError as exc:
            problems.append(exc.at(name, number))
            continue
        result.records.append(
            GrantRecord(
                funder=FUNDER,
                reference=reference,
                title=title[:500],
                recipient_name=recipient[:200],
                recipient_org_number="",
                role="",
                year=decided.year,
                amount_sek=amount,
                start=decided,
                end=end,
                status=text("status")[:100],
                programme=PROGRAMME,
                categories=category[:500],
                municipality_name=text("municipality")[:100],
                county_name=text("county")[:100],
                row=number,
            )
        )
    if problems:
        raise SourceError(problems)
    return result
