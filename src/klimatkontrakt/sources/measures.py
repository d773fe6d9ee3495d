"""The measure table of a climate investment plan, as CSV or Excel (docs/investments.md).

Reads what municipalities send: semicolon or comma CSV in UTF-8 / cp1252 / UTF-16 with or
without BOM, decimal comma, spaces as thousands separators, and .xlsx / .xls workbooks (the
first sheet, header in the first row). Every bad cell is reported with file, row and column;
a file with any problem is refused whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.workbooks import table_rows

REQUIRED = (
    "name",
    "sector",
    "department",
    "start_year",
    "lifetime_years",
    "capex_sek",
    "opex_change_sek_per_year",
    "reduction_t_per_year",
)
OPTIONAL = (
    "description",
    "category",
    "kind",
    "status",
    "ramp_up_years",
    "reduction_low_t_per_year",
    "reduction_high_t_per_year",
    "capex_low_sek",
    "capex_high_sek",
    "opex_change_low_sek_per_year",
    "opex_change_high_sek_per_year",
    "cobenefits",
)
COLUMNS = REQUIRED + OPTIONAL
KINDS = ("investment", "policy", "behaviour")
STATUSES = ("proposed", "decided", "ongoing", "done", "cancelled")
# Swedish words a strategist may type instead of the codes.
ALIASES = {
    "investering": "investment",
    "styrmedel": "policy",
    "beteende": "behaviour",
    "föreslagen": "proposed",
    "beslutad": "decided",
    "pågående": "ongoing",
    "genomförd": "done",
    "avbruten": "cancelled",
}
_INTS = ("start_year", "lifetime_years", "ramp_up_years")
_NUMBERS = tuple(c for c in COLUMNS if c.endswith(("_sek", "_per_year")) and c != "cobenefits")


@dataclass(frozen=True)
class MeasureRow:
    """One row of the measure table, checked and typed. Missing optional values are None."""

    row: int
    name: str
    sector: str
    department: str
    start_year: int
    lifetime_years: int
    capex_sek: float
    opex_change_sek_per_year: float
    reduction_t_per_year: float
    description: str = ""
    category: str = ""
    kind: str = "investment"
    status: str = "proposed"
    ramp_up_years: int = 0
    reduction_low_t_per_year: float | None = None
    reduction_high_t_per_year: float | None = None
    capex_low_sek: float | None = None
    capex_high_sek: float | None = None
    opex_change_low_sek_per_year: float | None = None
    opex_change_high_sek_per_year: float | None = None
    cobenefits: str = ""


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_number(text: str) -> float:
    """'1 234 567,5', '-40 000', '−12,3', '1234.5' → float. Raises ValueError otherwise."""
    cleaned = _SPACES.sub("", text).replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.234,5
    else:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", cleaned):
        raise ValueError(text)
    return float(cleaned)


def parse_measure_table(data: bytes, filename: str) -> list[MeasureRow]:
    """All rows, or SourceError listing every problem (file, row, column)."""
    rows = table_rows(data, filename)
    if not rows:
        raise SourceError(_("the file is empty"), filename)
    header = [h.strip().lower().lstrip("\ufeff") for h in rows[0]]
    problems: list[RowProblem] = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(
            RowProblem(
                filename,
                1,
                None,
                _("missing columns: %(columns)s") % {"columns": ", ".join(missing)},
            )
        )
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        problems.append(
            RowProblem(
                filename,
                1,
                None,
                _("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)},
            )
        )
    if problems:
        raise SourceError(problems)
    out: list[MeasureRow] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {
            h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h
        }
        row_problems, record = _check_row(values, number, filename)
        name = values.get("name", "")
        if name and name in seen:
            row_problems.append(
                RowProblem(
                    filename,
                    number,
                    "name",
                    _("%(name)s already on row %(row)s") % {"name": repr(name), "row": seen[name]},
                )
            )
        seen.setdefault(name, number)
        problems.extend(row_problems)
        if record is not None and not row_problems:
            out.append(record)
    if problems:
        raise SourceError(problems)
    if not out:
        raise SourceError(_("the file has a header but no measures"), filename)
    return out


def _check_row(
    values: dict[str, str], number: int, filename: str
) -> tuple[list[RowProblem], MeasureRow | None]:
    problems: list[RowProblem] = []
    typed: dict[str, Any] = {}
    for column in REQUIRED:
        if not values.get(column):
            problems.append(RowProblem(filename, number, column, _("a value is required")))
    for column in _INTS:
        text = values.get(column, "")
        if text:
            try:
                value = parse_number(text)
                if not value.is_integer():
                    raise ValueError(text)
                typed[column] = int(value)
            except ValueError:
                problems.append(
                    RowProblem(
                        filename,
                        number,
                        column,
                        _("%(value)s is not a whole number") % {"value": repr(text)},
                    )
                )
    for column in _NUMBERS:
        text = values.get(column, "")
        if text:
            try:
                typed[column] = parse_number(text)
            except ValueError:
                problems.append(
                    RowProblem(
                        filename,
                        number,
                        column,
                        _("%(value)s is not a number") % {"value": repr(text)},
                    )
                )
    _check_ranges(typed, values, number, filename, problems)
    if problems:
        return problems, None
    fields: dict[str, Any] = {
        c: values.get(c, "")
        for c in ("name", "sector", "department", "description", "category", "cobenefits")
    }
    fields.update(typed)
    fields.update(
        row=number,
        kind=values.get("kind") or "investment",
        status=values.get("status") or "proposed",
        ramp_up_years=typed.get("ramp_up_years", 0),
    )
    return problems, MeasureRow(**fields)


def _check_ranges(
    typed: dict[str, Any],
    values: dict[str, str],
    number: int,
    filename: str,
    problems: list[RowProblem],
) -> None:
    def bad(column: str, message: str) -> None:
        problems.append(RowProblem(filename, number, column, message))

    kind = ALIASES.get(values.get("kind", "").lower(), values.get("kind", "").lower())
    values["kind"] = kind
    if kind and kind not in KINDS:
        bad("kind", _not_one_of(kind, KINDS))
    status = ALIASES.get(values.get("status", "").lower(), values.get("status", "").lower())
    values["status"] = status
    if status and status not in STATUSES:
        bad("status", _not_one_of(status, STATUSES))
    year = typed.get("start_year")
    if year is not None and not 1990 <= year <= 2100:
        bad("start_year", _("%(year)s is outside 1990–2100") % {"year": year})
    if typed.get("lifetime_years") is not None and typed["lifetime_years"] < 1:
        bad("lifetime_years", _("must be at least 1"))
    if typed.get("ramp_up_years", 0) < 0:
        bad("ramp_up_years", _("cannot be negative"))
    if typed.get("capex_sek") is not None and typed["capex_sek"] < 0:
        bad("capex_sek", _("cannot be negative (savings go in opex_change_sek_per_year)"))
    central = typed.get("reduction_t_per_year")
    if central is not None and central < 0:
        bad("reduction_t_per_year", _("cannot be negative"))
    for low, mid, high in (
        ("reduction_low_t_per_year", "reduction_t_per_year", "reduction_high_t_per_year"),
        ("capex_low_sek", "capex_sek", "capex_high_sek"),
        (
            "opex_change_low_sek_per_year",
            "opex_change_sek_per_year",
            "opex_change_high_sek_per_year",
        ),
    ):
        if typed.get(low) is not None and typed.get(mid) is not None and typed[low] > typed[mid]:
            bad(
                low,
                _("%(value)s is above the central value %(central)s")
                % {"value": f"{typed[low]:g}", "central": f"{typed[mid]:g}"},
            )
        if typed.get(high) is not None and typed.get(mid) is not None and typed[high] < typed[mid]:
            bad(
                high,
                _("%(value)s is below the central value %(central)s")
                % {"value": f"{typed[high]:g}", "central": f"{typed[mid]:g}"},
            )


def _not_one_of(value: str, choices: Sequence[str]) -> str:
    return _("%(value)s is not one of %(choices)s") % {
        "value": repr(value),
        "choices": ", ".join(choices),
    }


def write_rows(measures: Sequence[MeasureRow]) -> list[list[Any]]:
    """Header plus one list per measure, in COLUMNS order; the inverse of parsing."""
    out: list[list[Any]] = [list(COLUMNS)]
    for m in measures:
        out.append(["" if getattr(m, c) is None else getattr(m, c) for c in COLUMNS])
    return out
