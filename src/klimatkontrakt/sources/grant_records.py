"""Grant records as every funding reader returns them, and the project's own grant template.

A record is one recipient's funding from one funder in one year (SweCRIS, the agencies' common
API and the template all give amounts per year; Klimatklivet gives one amount, counted in the
decision's year). Records carry no personal data: the readers never read people's names.

The template (docs/funding.md, "The grant template") is a CSV or XLSX file with the columns of
TEMPLATE_COLUMNS; the Swedish headings and the English ones in brackets are both accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import CellError, RowProblem, SourceError
from klimatkontrakt.sources.orgnumber import InvalidOrgNumber, normalise_org_number
from klimatkontrakt.sources.workbooks import table_rows

COORDINATOR = "coordinator"
PARTNER = "partner"
ROLES = (COORDINATOR, PARTNER)
FIRST_YEAR = 1990
LAST_YEAR = 2100
# Larger than any single grant the agencies give (Klimatklivet's largest is a few hundred MSEK).
MAX_AMOUNT_SEK = Decimal("100000000000")


@dataclass(frozen=True)
class GrantRecord:
    """One recipient's grant from one funder in one year, as a source gives it."""

    funder: str
    reference: str
    title: str
    recipient_name: str
    recipient_org_number: str  # NNNNNN-NNNN, or "" when the source gives none
    role: str  # COORDINATOR, PARTNER or ""
    year: int
    amount_sek: Decimal
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = ""
    programme: str = ""
    categories: str = ""
    municipality_name: str = ""  # the source's Kommun (Klimatklivet, template)
    county_name: str = ""  # the source's Län (Klimatklivet)
    row: int = 0


# --- cell checks shared by the readers --------------------------------------------------------


def org_number_cell(text: str, column: str, *, required: bool = False) -> str:
    text = text.strip()
    if not text:
        if required:
            raise CellError(column, _("the organisation number is missing"))
        return ""
    try:
        return normalise_org_number(text)
    except InvalidOrgNumber as exc:
        reason = (
            _("the control digit does not match")
            if "control" in str(exc)
            else _("an organisation number has ten digits")
        )
        raise CellError(
            column,
            _("“%(value)s” is not an organisation number: %(reason)s")
            % {"value": text[:40], "reason": reason},
        ) from exc


def year_cell(text: str, column: str) -> int:
    raw = text.strip()
    if raw.endswith(".0"):  # SweCRIS writes years as 2023.0
        raw = raw[:-2]
    if not raw.isdigit():
        raise CellError(column, _("“%(value)s” is not a year") % {"value": text[:40]})
    year = int(raw)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(
            column,
            _("the year %(year)s is outside %(first)s–%(last)s")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return year


def amount_cell(text: str, column: str) -> Decimal:
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise CellError(column, _("“%(value)s” is not an amount in SEK") % {"value": text[:40]})
    if amount < 0 or amount > MAX_AMOUNT_SEK:
        raise CellError(
            column,
            _("the amount %(value)s SEK is negative or larger than any grant")
            % {"value": text[:40]},
        )
    return amount.quantize(Decimal("0.01"))


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def date_cell(text: str, column: str) -> dt.date | None:
    """An ISO date (time of day ignored); a bare year is its first day; empty is None."""
    raw = text.strip()
    if not raw:
        return None
    if raw.isdigit() and len(raw) == 4:
        return dt.date(int(raw), 1, 1)
    match = _DATE.match(raw)
    try:
        if match is None:
            raise ValueError(raw)
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise CellError(
            column, _("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": raw[:40]}
        ) from exc


def required_cell(text: str, column: str, what: str) -> str:
    if not text.strip():
        raise CellError(column, _("%(what)s is missing") % {"what": what})
    return text.strip()


def role_cell(text: str, column: str) -> str:
    raw = text.strip().lower()
    if not raw:
        return ""
    if raw in ("koordinator", "coordinator", "projektledande organisation", "huvudsökande"):
        return COORDINATOR
    if raw in ("partner", "part", "medsökande", "projektpart"):
        return PARTNER
    raise CellError(
        column,
        _("“%(value)s” is not a role: write koordinator or partner") % {"value": text[:40]},
    )


def header_index(
    header: list[str], columns: dict[str, tuple[str, ...]], required: tuple[str, ...], name: str
) -> dict[str, int]:
    """The position of each known column (by any of its headings, case-insensitive); a missing
    required column refuses the file, naming it."""
    lowered = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for key, names in columns.items():
        for heading in names:
            if heading.lower() in lowered:
                found[key] = lowered.index(heading.lower())
                break
    missing = [columns[k][0] for k in required if k not in found]
    if missing:
        raise SourceError(
            [
                RowProblem(
                    name, 1, column, _("the column “%(column)s” is missing") % {"column": column}
                )
                for column in missing
            ]
        )
    return found


# --- the template -----------------------------------------------------------------------------

# key: (Swedish heading, English heading)
TEMPLATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "funder": ("finansiär", "funder"),
    "reference": ("diarienummer", "reference"),
    "title": ("titel", "title"),
    "recipient": ("mottagare", "recipient"),
    "org_number": ("organisationsnummer", "organisation number"),
    "role": ("roll", "role"),
    "year": ("år", "year"),
    "amount": ("belopp_kr", "amount_sek"),
    "start": ("start", "start date"),
    "end": ("slut", "end date"),
    "status": ("status",),
    "programme": ("program", "programme"),
    "categories": ("kategorier", "categories"),
    "municipality": ("kommun", "municipality"),
}
TEMPLATE_REQUIRED = ("funder", "reference", "title", "recipient", "year", "amount")


def read_template(data: bytes, name: str) -> list[GrantRecord]:
    """The rows of a grant template (CSV or XLSX), all or nothing, every bad cell named."""
    rows = table_rows(data, name)
    if not rows:
        raise SourceError(_("the file is empty"), name)
    at = header_index(rows[0], TEMPLATE_COLUMNS, TEMPLATE_REQUIRED, name)
    records: list[GrantRecord] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str, str, int], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            i = at.get(key)
            return row[i] if i is not None and i < len(row) else ""

        def heading(key: str) -> str:
            i = at.get(key)
            return rows[0][i].strip() if i is not None else TEMPLATE_COLUMNS[key][0]

        try:
            record = GrantRecord(
                funder=required_cell(cell("funder"), heading("funder"), _("the funder")),
                reference=required_cell(
                    cell("reference"), heading("reference"), _("the reference")
                ),
                title=required_cell(cell("title"), heading("title"), _("the title")),
                recipient_name=required_cell(
                    cell("recipient"), heading("recipient"), _("the recipient")
                ),
                recipient_org_number=org_number_cell(cell("org_number"), heading("org_number")),
                role=role_cell(cell("role"), heading("role")),
                year=year_cell(cell("year"), heading("year")),
                amount_sek=amount_cell(cell("amount"), heading("amount")),
                start=date_cell(cell("start"), heading("start")),
                end=date_cell(cell("end"), heading("end")),
                status=cell("status").strip()[:100],
                programme=cell("programme").strip()[:200],
                categories=cell("categories").strip()[:500],
                municipality_name=cell("municipality").strip()[:100],
                row=line,
            )
        except CellError as exc:
            problems.append(exc.at(name, line))
            continue
        key = (
            record.funder.casefold(),
            record.reference.casefold(),
            record.recipient_org_number or record.recipient_name.casefold(),
            record.year,
        )
        if key in seen:
            problems.append(
                RowProblem(
                    name,
                    line,
                    heading("reference"),
                    _("the same grant, recipient and year is on row %(row)s already")
                    % {"row": seen[key]},
                )
            )
            continue
        seen[key] = line
        records.append(record)
    if problems:
        raise SourceError(problems)
    return records
