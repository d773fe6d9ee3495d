"""The national comparison as plain records and as one downloadable `Table`: what the command
prints as JSON or CSV, and what a page, the API and the CSV/XLSX downloads serve."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.comparison.keys import KEYS
from klimatkontrakt.comparison.selectors import Row, national_table
from klimatkontrakt.documents.tables import Table

DECIMALS = 3  # as the public comparison publishes them


def _rounded(value: Any) -> Any:
    return round(value, DECIMALS) if isinstance(value, float) else value


def record(row: Row) -> dict[str, Any]:
    """One municipality as a JSON object: code, name, each key's value (None where there is
    none, with the reason under `reasons`), and per key its `source` files and editions."""
    out: dict[str, Any] = {"municipality": row.code, "name": row.name, "county": row.county_code}
    for key in KEYS:
        out[key.key] = _rounded(row.values[key.key].value)
    out["source"] = {key.key: [s.as_dict() for s in row.values[key.key].sources] for key in KEYS}
    out["reasons"] = {
        key.key: row.values[key.key].reason for key in KEYS if row.values[key.key].reason
    }
    return out


def records(codes: set[str] | None = None) -> list[dict[str, Any]]:
    return [record(row) for row in national_table() if codes is None or row.code in codes]


def download_table(codes: set[str] | None = None) -> Table:
    """The comparison as one table: a column per figure, the climate plan in three, and the
    source files of each figure in the last column."""
    columns = [("municipality", _("Municipality code")), ("name", _("Municipality"))]
    for key in KEYS:
        if key.key == "climate_plan":
            columns += [
                ("climate_plan_link", _("Climate plan (link)")),
                ("climate_plan_year", _("Climate plan adopted")),
                ("climate_plan_comment", _("Climate plan (comment)")),
            ]
        else:
            columns.append((key.key, f"{key.label} ({key.unit})"))
    columns += [("reasons", _("Why a figure is missing")), ("sources", _("Sources"))]
    rows = []
    for row in national_table():
        if codes is not None and row.code not in codes:
            continue
        out: dict[str, Any] = {"municipality": row.code, "name": row.name}
        for key in KEYS:
            value = row.values[key.key].value
            if key.key == "climate_plan":
                plan = value or {}
                out["climate_plan_link"] = plan.get("link")
                out["climate_plan_year"] = plan.get("year")
                out["climate_plan_comment"] = plan.get("comment")
            else:
                out[key.key] = _rounded(value)
        out["reasons"] = "; ".join(
            f"{k.label}: {row.values[k.key].reason}" for k in KEYS if row.values[k.key].reason
        )
        sources = {str(s) for k in KEYS for s in row.values[k.key].sources}
        out["sources"] = "; ".join(sorted(sources))
        rows.append(out)
    return Table(
        key="national-comparison",
        title=_("National comparison"),
        columns=columns,
        rows=rows,
        source=_("Public sources named per figure in the Sources column."),
    )
