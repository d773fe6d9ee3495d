"""Demo: a generated EXAMPLE ledger for Karlstad with example energy and fuel data."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

from klimatkontrakt.footprint.example import example_activity_rows, generate_ledger
from klimatkontrakt.footprint.models import ActivityRecord, Ledger
from klimatkontrakt.footprint.services import (
    ensure_defaults,
    ensure_ledger,
    import_activity,
    import_ledger,
)
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Municipality

DEMO_LEDGER = "Exempelreskontra (genererad exempeldata)"
DEMO_YEARS = {2022: 1.0, 2023: 1.04, 2024: 1.07}
DEMO_LINES = 60_000


def load_demo_footprint(municipality_code: str = KARLSTAD, lines: int = DEMO_LINES) -> Ledger:
    """Karlstad's demo: a generated EXAMPLE ledger per year plus example energy and fuel data.

    Running it again changes nothing (the generated files are the same, so their content hashes
    are already known).
    """
    municipality = Municipality.objects.get(code=municipality_code)
    rule_set, factor_set = ensure_defaults()
    ledger = ensure_ledger(
        municipality,
        DEMO_LEDGER,
        description=(
            "Genererad exempeldata i det nationella formatet för leverantörsreskontra, inte "
            "Karlstads verkliga fakturor. Leverantörerna är påhittade."
        ),
        rule_set=rule_set,
        factor_set=factor_set,
        published=True,
        example_data=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for year, scale in DEMO_YEARS.items():
            path = Path(tmp) / f"exempel_leverantorsreskontra_{year}.csv"
            generate_ledger(
                path,
                lines,
                year=year,
                seed=int(municipality_code) + year,
                scale=scale,
                municipality_code=municipality_code,
            )
            files.append((path.name, path))
        import_ledger(SYSTEM, municipality, files, ledger_name=DEMO_LEDGER)
        if not ActivityRecord.objects.filter(municipality=municipality).exists():
            activity = Path(tmp) / "aktivitet.csv"
            # Measured quantities follow the ledger's size, falling 5 % a year (example trend).
            size = lines / DEMO_LINES
            rows = [
                r
                for year in DEMO_YEARS
                for r in example_activity_rows(year, size * (1.0 - 0.05 * (year - 2022)))
            ]
            columns = [
                "year",
                "department",
                "activity",
                "quantity",
                "unit",
                "replaces_category",
                "source",
            ]
            with activity.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
            import_activity(SYSTEM, municipality, activity)
    return ledger


def load(stdout: Any) -> None:
    if not Municipality.objects.filter(code=KARLSTAD).exists():
        return
    ledger = load_demo_footprint()
    stdout.write(f"Footprint demo: {ledger.imports.count()} example ledger files for Karlstad.")
