"""Benchmark: the whole `klimatkontrakt footprint` process against a whole DuckDB process.

    python bench/footprint_cli.py              # 2 M lines (generated once into bench/out/)
    python bench/footprint_cli.py --lines 500000 --runs 5

Both sides are timed as a user runs them, start-up included: the one-shot command on a ledger in
the national layout (bench/ledger_gen.py) with the shipped rules and factors, and
`python -c "import duckdb; ..."` reading the same CSV and summing the amount by department and
account. Each runs `--runs` times after one warm-up run (the file is then in the page cache for
both); the median wall time gives lines per second. Also the start-up alone (`footprint --help`)
and the heavy modules the command loaded. Prints one JSON object; never asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from ledger_gen import ensure_ledger  # noqa: E402

DUCKDB_AGGREGATE = """
import sys, duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
rows = con.execute(
    "SELECT forvaltning, konto_nr, sum(belopp) AS amount FROM read_csv(?, delim=';', "
    "header=true, decimal_separator=',') GROUP BY ALL",
    [sys.argv[1]],
).fetchall()
print(len(rows))
"""
HEAVY = ("scipy", "altair", "vl_convert", "pandas", "weasyprint", "docx", "openpyxl", "pyarrow")


def environment(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    env["KLIMATKONTRAKT_VAR_DIR"] = str(var_dir)
    return env


def timed(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float, str]:
    """Median wall time and CPU time (user + system, all threads) of `runs` runs after one
    warm-up, and the last run's output. CPU time says more than wall time on a busy machine."""
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus), out


def loaded_modules(env: dict[str, str], ledger: Path) -> list[str]:
    """The heavy top-level packages the command's process had loaded at its end."""
    probe = (
        "import sys, runpy\n"
        "wanted = set(sys.argv[2:])\n"
        "sys.argv = ['klimatkontrakt', 'footprint', sys.argv[1], '--compact']\n"
        "try:\n    runpy.run_module('klimatkontrakt', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = {m.split('.')[0] for m in sys.modules} & wanted\n"
        "print('\\nHEAVY:' + ' '.join(sorted(heavy)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(ledger), *HEAVY], env=env, capture_output=True, text=True
    ).stdout
    found = [line for line in out.splitlines() if line.startswith("HEAVY:")]
    return found[-1].removeprefix("HEAVY:").split() if found else ["(probe failed)"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ledger = ensure_ledger(HERE / "out", args.lines)
    env = environment(HERE / "out" / "var")

    command_s, command_cpu, output = timed(
        [sys.executable, "-m", "klimatkontrakt", "footprint", str(ledger), "--compact"],
        env,
        args.runs,
    )
    result = json.loads(output)
    duckdb_s, duckdb_cpu, groups = timed(
        [sys.executable, "-c", DUCKDB_AGGREGATE, str(ledger)], env, args.runs
    )
    startup_s, startup_cpu, _ = timed(
        [sys.executable, "-m", "klimatkontrakt", "footprint", "--help"], env, args.runs
    )
    lines = int(result["lines"])
    report = {
        "ledger": str(ledger.relative_to(ROOT)),
        "lines": lines,
        "mb": round(ledger.stat().st_size / 1e6, 1),
        "runs": args.runs,
        "footprint_command": {
            "seconds": round(command_s, 3),
            "lines_per_s": round(lines / command_s),
            "cpu_s": round(command_cpu, 3),
            "start_up_s": round(startup_s, 3),
            "start_up_cpu_s": round(startup_cpu, 3),
            "total_t": round(float(result["total_t"]), 1),
            "heavy_modules_loaded": loaded_modules(env, ledger),
        },
        "duckdb_aggregate": {
            "seconds": round(duckdb_s, 3),
            "lines_per_s": round(lines / duckdb_s),
            "cpu_s": round(duckdb_cpu, 3),
            "groups": int(groups.strip()),
        },
        "throughput_ratio": round(duckdb_s / command_s, 3),
        "cpu_ratio": round(duckdb_cpu / command_cpu, 3),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
