"""Speed of gathering the national follow-up report, printed as JSON; never asserts a time.

    KLIMATKONTRAKT_VAR_DIR=<dir with the demo loaded> python bench/national_report_gather.py
    python bench/national_report_gather.py --fresh    # migrate a new var dir and load the demo

Times `national.report_selectors.gather` (each city's headline summary computed once, the
cross-city rows reading the same summaries) against a baseline measured in the same run: the
same two reads without sharing the summaries (`national.followup.followup`, then every city's
`reports.selectors.headline_summary` again), as gathering did before. Also counts the summary
computations of each. Reports the ratio; the figures to read are the ratio and the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2024


def fresh_var_dir() -> str:
    var = tempfile.mkdtemp(prefix="kk-bench-national-")
    env = {**os.environ, "KLIMATKONTRAKT_VAR_DIR": var, "PYTHONPATH": str(ROOT / "src")}
    cli = [sys.executable, "-m", "klimatkontrakt"]
    for cmd in (["migrate"], ["demo"]):
        subprocess.run(cli + cmd, env=env, check=True, capture_output=True)
    return var


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fresh", action="store_true", help="a new var dir with the demo")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.fresh:
        os.environ["KLIMATKONTRAKT_VAR_DIR"] = fresh_var_dir()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatkontrakt.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser

    from klimatkontrakt.national import report_selectors
    from klimatkontrakt.national.followup import followup
    from klimatkontrakt.organisations.selectors import contract_municipalities
    from klimatkontrakt.reports import selectors as reports

    computed = {"n": 0}
    original = reports._headline_summary

    def counted(*a: Any) -> Any:
        computed["n"] += 1
        return original(*a)

    reports._headline_summary = counted  # counts only; the same function runs

    def baseline() -> None:
        public = AnonymousUser()
        followup(YEAR, public)
        for m in contract_municipalities():
            reports.summary_json(reports.headline_summary(m, public, YEAR))

    def gather() -> None:
        report_selectors.gather(YEAR)

    start = time.perf_counter()
    gather()  # the first one in the process, cold; it warms imports and caches for both
    first = time.perf_counter() - start
    out: dict[str, Any] = {
        "year": YEAR,
        "cities": contract_municipalities().count(),
        "first_gather_seconds": first,
    }
    runs = (("baseline_separate_summaries", baseline), ("gather", gather))
    times: dict[str, list[float]] = {name: [] for name, _ in runs}
    counts: dict[str, int] = {}
    for _ in range(args.repeat):  # interleaved, so that load on the machine hits both alike
        for name, fn in runs:
            computed["n"] = 0
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
            counts[name] = computed["n"]
    for name, _ in runs:
        out[name] = {"seconds": min(times[name]), "summaries_computed": counts[name]}
    # What the demo adds besides gathering: approving renders the print page in both languages.
    from klimatkontrakt.national import report_render

    data = report_selectors.gather(YEAR)
    start = time.perf_counter()
    for language in ("sv", "en"):
        report_render.print_html(data, language)
    out["approve_render_seconds"] = time.perf_counter() - start
    base, new = out["baseline_separate_summaries"]["seconds"], out["gather"]["seconds"]
    out["speedup_vs_baseline"] = base / new if new else None
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
