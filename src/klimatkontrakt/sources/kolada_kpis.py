"""The default set of climate KPIs from Kolada, kept as data in data/kolada_climate_kpis.csv."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import RowProblem, SourceError

DEFAULT_FILE = "kolada_climate_kpis.csv"
COLUMNS = ("id", "name_sv", "name_en", "unit", "direction", "level", "in_default_set", "comment")
KPI_ID = re.compile(r"^[NU]\d{5}$")


@dataclass(frozen=True)
class ClimateKpi:
    id: str
    name_sv: str
    name_en: str
    unit: str
    direction: str  # "up" or "down": which way is good
    level: str  # "municipality", or "region" for KPIs Kolada publishes per region only
    in_default_set: bool
    comment: str


def _read_text(path: Path | None) -> tuple[str, str]:
    if path is None:
        source = resources.files("klimatkontrakt.sources") / "data" / DEFAULT_FILE
        return DEFAULT_FILE, source.read_text(encoding="utf-8")
    return path.name, path.read_text(encoding="utf-8-sig")


def load_climate_kpis(path: Path | None = None, *, default_only: bool = True) -> list[ClimateKpi]:
    """Read the KPI list; by default only the rows in the default set."""
    name, text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceError(RowProblem(name, 1, missing[0], _("column missing from the header")))
    out: list[ClimateKpi] = []
    seen: set[str] = set()
    for row_number, row in enumerate(reader, start=2):
        kpi = _parse_row(name, row_number, row)
        if kpi.id in seen:
            raise SourceError(
                RowProblem(name, row_number, "id", _("%(id)s appears twice") % {"id": kpi.id})
            )
        seen.add(kpi.id)
        if kpi.in_default_set or not default_only:
            out.append(kpi)
    return out


def _parse_row(name: str, row_number: int, row: dict[str, str]) -> ClimateKpi:
    values = {c: (row.get(c) or "").strip() for c in COLUMNS}
    if not KPI_ID.match(values["id"]):
        raise SourceError(
            RowProblem(
                name,
                row_number,
                "id",
                _("%(id)s is not a Kolada KPI id") % {"id": repr(values["id"])},
            )
        )
    for column in ("name_sv", "name_en", "unit"):
        if not values[column]:
            raise SourceError(RowProblem(name, row_number, column, _("empty")))
    if values["direction"] not in ("up", "down"):
        raise SourceError(RowProblem(name, row_number, "direction", _("must be 'up' or 'down'")))
    if values["level"] not in ("municipality", "region"):
        raise SourceError(
            RowProblem(name, row_number, "level", _("must be 'municipality' or 'region'"))
        )
    if values["in_default_set"] not in ("yes", "no"):
        raise SourceError(
            RowProblem(name, row_number, "in_default_set", _("must be 'yes' or 'no'"))
        )
    return ClimateKpi(
        id=values["id"],
        name_sv=values["name_sv"],
        name_en=values["name_en"],
        unit=values["unit"],
        direction=values["direction"],
        level=values["level"],
        in_default_set=values["in_default_set"] == "yes",
        comment=values["comment"],
    )


def kolada_area_code(municipality_code: str, level: str) -> str:
    """Kolada's code for where a KPI is published: the municipality, or its region (00LL)."""
    if level == "region":
        return f"00{municipality_code[:2]}"
    return municipality_code
