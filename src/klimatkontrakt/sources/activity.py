"""Activity data: measured energy, fuel, food and travel that replaces spend-based estimates.

Activity CSV columns: ``year,activity,quantity,unit`` and optionally ``department``,
``replaces_category``, ``replaces_account``, ``replaces_supplier_id``, ``source``, ``note``.
``activity`` names a factor category with an activity unit (electricity, district_heating,
diesel, hvo, petrol, e85, biogas, food_meat, travel_air ...). The ``replaces_*`` columns name
the spend the measurement stands for; in the same year (and department, when given) those
invoice lines are taken out of the spend-based figure and shown as overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import CellError, RowProblem, SourceError
from klimatkontrakt.sources.factors import (
    ACTIVITY_UNITS,
    _number,
    _read_rows,
    check_lengths,
    missing_columns,
    not_a_number,
    not_a_year,
)
from klimatkontrakt.sources.rules import digits


@dataclass(frozen=True)
class ActivityRecord:
    id: int
    year: int
    activity: str
    quantity: float
    unit: str
    department: str = ""
    replaces_category: str = ""
    replaces_account: str = ""
    replaces_supplier_id: str = ""
    source: str = ""
    note: str = ""

    @property
    def replaces_spend(self) -> bool:
        return bool(self.replaces_category or self.replaces_account or self.replaces_supplier_id)


# The stored record's max_length per column (see sources.factors.FACTOR_LIMITS).
ACTIVITY_LIMITS = {
    "activity": 100,
    "department": 200,
    "replaces_category": 100,
    "replaces_account": 20,
    "replaces_supplier_id": 20,
}


def read_activity(source: Path | str, name: str | None = None) -> list[ActivityRecord]:
    name, rows = _read_rows(source, name)
    errors: list[RowProblem] = []
    if rows:
        missing_columns(rows[0], ("year", "activity", "quantity", "unit"), name)
    records = []
    for number, row in enumerate(rows, start=2):

        def problem(column: str, message: str, number: int = number) -> None:
            errors.append(RowProblem(name, number, column, message))

        try:
            year = int(row["year"])
        except ValueError:
            problem("year", not_a_year(row["year"]))
            continue
        try:
            quantity = _number(row["quantity"])
        except ValueError:
            problem("quantity", not_a_number(row["quantity"]))
            continue
        unit = ACTIVITY_UNITS.get(row["unit"].lower())
        if unit is None:
            problem("unit", _("unknown unit %(unit)s") % {"unit": repr(row["unit"])})
            continue
        if not row["activity"]:
            problem("activity", _("empty"))
            continue
        try:
            check_lengths(row, ACTIVITY_LIMITS)
        except CellError as exc:
            errors.append(exc.at(name, number))
            continue
        account = row.get("replaces_account", "").rstrip("*x")
        if account and not account.isdigit():
            problem(
                "replaces_account",
                _("%(value)s should be digits") % {"value": repr(account)},
            )
            continue
        records.append(
            ActivityRecord(
                id=number - 1,
                year=year,
                activity=row["activity"],
                quantity=quantity,
                unit=unit,
                department=row.get("department", ""),
                replaces_category=row.get("replaces_category", ""),
                replaces_account=account,
                replaces_supplier_id=digits(row.get("replaces_supplier_id", "")),
                source=row.get("source", ""),
                note=row.get("note", ""),
            )
        )
    if errors:
        raise SourceError(errors)
    return records
