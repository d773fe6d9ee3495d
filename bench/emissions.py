"""Benchmark: SMHI import against a raw read of the same workbook, and budgets per second.

Also the carbon-law pass that the national comparison publishes: all 290 municipalities'
greenhouse-gas (GGT) figures from the demo's SMHI data with C = 2026, in one vectorised pass
(the median-regression lines of all municipalities solved as one linear programme).

Prints one JSON object. Nothing here asserts a time; compare the ratios across runs.

    python bench/emissions.py [PATH_TO_LANSRAPPORT.xlsx] [--repeat N]

The import runs the real service (parse, sum checks, store every value) into a fresh SQLite
database in a temporary directory, so the figure includes the database writes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_FILE = ROOT.parent / "shared" / "data" / "df_municipalities_2022.xlsx"


def _best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = Path(args.file)
    if not path.exists():
        sys.exit(f"{path} not found: pass SMHI's Länsrapport workbook as the first argument")

    tmp = tempfile.mkdtemp(prefix="kk-bench-")
    os.environ["KLIMATKONTRAKT_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatkontrakt.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    import openpyxl
    from django.core.management import call_command
    from python_calamine import CalamineWorkbook

    from klimatkontrakt.calc.budgets import compute
    from klimatkontrakt.emissions import demo, selectors, services
    from klimatkontrakt.emissions.models import Release
    from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
    from klimatkontrakt.sources import smhi

    def raw_openpyxl() -> None:
        wb = openpyxl.load_workbook(path, read_only=True)
        for _row in wb.worksheets[0].iter_rows(values_only=True):
            pass
        wb.close()

    def raw_calamine() -> None:
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

    def parse() -> None:
        smhi.read_report(path)

    call_command("migrate", verbosity=0)
    import_municipalities(BUNDLED_CODE_LIST)

    def full_import() -> float:
        Release.objects.all().delete()  # untimed: each run imports into an empty table
        t = time.perf_counter()
        services.import_report(path)
        return time.perf_counter() - t

    t_openpyxl = _best(raw_openpyxl, args.repeat)
    t_calamine = _best(raw_calamine, args.repeat)
    t_parse = _best(parse, args.repeat)
    t_import = min(full_import() for _ in range(args.repeat))

    release = Release.objects.get(sha256=smhi.read_report(path).sha256)
    series = selectors.municipality_series(release)
    per_method = {}
    for method in ("cemus-2023", "carbon-law"):
        compute(method, series, 2025)  # warm up
        rounds = 0
        t = time.perf_counter()
        while time.perf_counter() - t < 1.0:
            compute(method, series, 2025)
            rounds += 1
        elapsed = time.perf_counter() - t
        per_method[method] = {
            "passes_per_s": round(rounds / elapsed, 1),
            "budgets_per_s": round(rounds * len(series.keys) / elapsed),
        }
    t_query = _best(lambda: selectors.municipality_series(release), args.repeat)

    demo.load_demo_emissions()  # the GGT series the comparison uses (the CO2 demo is skipped)
    ggt = selectors.current_release("GGT")
    ggt_series = selectors.municipality_series(ggt)
    compute("carbon-law", ggt_series, 2026)  # warm up
    t_law = _best(lambda: compute("carbon-law", ggt_series, 2026), max(args.repeat, 5))
    t_law_all = _best(
        lambda: selectors.all_budgets(method="carbon-law", gas="GGT", current_year=2026),
        args.repeat,
    )
    carbon_law_ggt = {
        "municipalities": len(ggt_series.keys),
        "years": f"{ggt_series.years[0]}..{ggt_series.last_year}",
        "one_pass_s": round(t_law, 4),
        "all_budgets_json_s": round(t_law_all, 4),  # load from the database + pass + JSON
    }

    print(
        json.dumps(
            {
                "benchmark": "emissions",
                "file": path.name,
                "rows": len(smhi.read_report(path).rows),
                "values_stored": int(release.values.count()),
                "municipalities": len(series.keys),
                "seconds": {
                    "raw_read_openpyxl_read_only": round(t_openpyxl, 3),
                    "raw_read_calamine": round(t_calamine, 3),
                    "parse_and_validate": round(t_parse, 3),
                    "import_full_report": round(t_import, 3),
                    "load_series_from_db": round(t_query, 4),
                },
                "ratios": {
                    "import_vs_raw_openpyxl": round(t_import / t_openpyxl, 2),
                    "parse_vs_raw_openpyxl": round(t_parse / t_openpyxl, 2),
                    "parse_vs_raw_calamine": round(t_parse / t_calamine, 2),
                },
                "budgets": per_method,
                "carbon_law_ggt_current_year_2026": carbon_law_ggt,
                "python": platform.python_version(),
                "database": "sqlite (temporary)",
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
