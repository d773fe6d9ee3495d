"""Benchmark: the footprint pipeline vs DuckDB's raw CSV scan vs a plain pandas version.

    python bench/footprint.py            # 1 M lines
    python bench/footprint.py --10m      # also 10 M lines (a few minutes; ~1.2 GB CSV)
    python bench/footprint.py --pandas-10m  # also run pandas at 10 M (slow, memory-hungry)

Each measurement runs in a fresh subprocess so peak memory (ru_maxrss) is its own. Prints one
JSON object; never asserts a time.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))


def raw_scan(path: Path, options: str = "") -> dict[str, float]:
    import duckdb

    sql = "SELECT count(*), sum(belopp) FROM read_csv(?, delim=';', header=true,"
    sql += f" decimal_separator=','{options})"  # options: this file's constants only
    row = duckdb.connect().execute(sql, [str(path)]).fetchone()
    assert row is not None
    return {"lines": int(row[0]), "spend_sek": float(row[1])}


def pipeline(path: Path) -> dict[str, float]:
    from klimatkontrakt.footprint.engine import run
    from klimatkontrakt.sources.factors import default_factors
    from klimatkontrakt.sources.rules import default_rules

    result = run([path], default_rules(), default_factors())
    return {
        "lines": result["lines"],
        "spend_sek": result["spend_sek"],
        "total_t": result["total_t"],
    }


def pandas_version(path: Path) -> dict[str, float]:
    """What an analyst would write: read everything, apply the rules one by one, group."""
    import pandas as pd

    from klimatkontrakt.calc.footprint import factor_per_sek
    from klimatkontrakt.sources.factors import default_factors, default_tables
    from klimatkontrakt.sources.rules import default_rules, ordered

    df = pd.read_csv(path, sep=";", decimal=",", dtype={"konto_nr": str, "leverantor_id": str})
    df["year"] = pd.to_datetime(df["datum"], format="%Y-%m-%d").dt.year
    df["category"] = None
    df["text"] = df["konto_text"].fillna("")
    # Lowest-ranked rule first, so the winning rule writes last.
    for rule in reversed(ordered(default_rules())):
        if rule.field == "account":
            mask = df["konto_nr"].str.startswith(rule.pattern)
        elif rule.field == "supplier_id":
            mask = df["leverantor_id"].fillna("").str.replace(r"\D", "", regex=True) == rule.pattern
        elif rule.field == "supplier_name":
            mask = df["leverantor"].fillna("").str.contains(rule.pattern, flags=re.I, regex=True)
        else:
            mask = df["text"].str.contains(rule.pattern, flags=re.I, regex=True)
        df.loc[mask, "category"] = rule.category
    internal = df["leverantor_id"].fillna("").str.replace(r"\D", "", regex=True) == df[
        "kopare_id"
    ].str.replace(r"\D", "", regex=True)
    df.loc[internal, "category"] = "exclude"
    tables = default_tables()
    factors = default_factors().spend()
    rows = []
    for year in df["year"].unique():
        for cat, f in factors.items():
            kg = factor_per_sek(
                f.value, f.currency or "SEK", f.year, int(year), tables.price_index, tables.sek_per
            ).kg_per_sek
            rows.append({"year": year, "category": cat, "kg_per_sek": kg})
    df = df.merge(pd.DataFrame(rows), on=["year", "category"], how="left")
    df["kg"] = df["belopp"] * df["kg_per_sek"]
    df["kg"] = df["kg"].where(df["category"] != "exclude")
    out = df.groupby(["year", "forvaltning", "category", "leverantor"], dropna=True)["kg"].sum()
    return {
        "lines": len(df),
        "spend_sek": float(df["belopp"].sum()),
        "total_t": float(out.sum() / 1000),
    }


def peak_rss_mb() -> float:
    """VmHWM of this process (ru_maxrss survives exec on Linux and would count the parent)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def raw_scan_same_buffer(path: Path) -> dict[str, float]:
    """The raw scan with the pipeline's CSV buffer size: shows how much of the ratio is tuning."""
    from klimatkontrakt.sources.ledger.clean import CSV_BUFFER_BYTES

    return raw_scan(path, f", buffer_size={CSV_BUFFER_BYTES}")


KINDS = {
    "raw_scan": raw_scan,
    "raw_scan_same_buffer": raw_scan_same_buffer,
    "pipeline": pipeline,
    "pandas": pandas_version,
}


def measure_in_subprocess(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def one(kind: str, path: Path) -> None:
    # Import first: the timings compare the work, not interpreter and library start-up.
    import duckdb  # noqa: F401

    if kind == "pandas":
        import pandas  # noqa: F401
    if kind in ("pipeline", "pandas", "raw_scan_same_buffer"):
        import klimatkontrakt.footprint.engine  # noqa: F401
        import klimatkontrakt.sources.factors  # noqa: F401
    start = time.perf_counter()
    result = KINDS[kind](path)
    seconds = time.perf_counter() - start
    peak_mb = peak_rss_mb()
    print(json.dumps({**result, "seconds": round(seconds, 3), "peak_rss_mb": round(peak_mb, 1)}))


def best_of(kind: str, path: Path, runs: list[dict[str, float]]) -> dict[str, float]:
    best = min(runs, key=lambda r: r["seconds"])
    return {
        **best,
        "seconds_all": [r["seconds"] for r in runs],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }


def variant_copy(path: Path, kind: str) -> Path:
    """The ledger as municipalities also publish it, written once next to it:

    * ``spaced``: the first amount written '1 000,00', so the general reader cleans every
      amount in SQL, as for a file with thousands separators;
    * ``cp1252``: Windows-1252 (the Excel export), without its own characters 0x80-0x9F;
    * ``utf16``: UTF-16 LE with BOM.
    """
    target = path.with_name(f"{path.stem}_{kind}.csv")
    if target.exists():
        return target
    tmp = target.with_suffix(".tmp")
    if kind == "spaced":
        with path.open("rb") as src, tmp.open("wb") as out:
            header = src.readline()
            out.write(header)
            cols = src.readline().split(b";")
            cols[header.rstrip(b"\r\n").split(b";").index(b"belopp")] = b"1 000,00"
            out.write(b";".join(cols))
            while chunk := src.read(1 << 24):
                out.write(chunk)
    else:
        encoding = {"cp1252": "cp1252", "utf16": "utf-16"}[kind]
        with (
            path.open(encoding="utf-8", newline="") as src,
            tmp.open("w", encoding=encoding, newline="") as out,
        ):
            while chunk := src.read(1 << 24):
                out.write(chunk)
    tmp.rename(target)
    return target


VARIANTS = ("spaced", "cp1252", "utf16")


def compare(path: Path, lines: int, with_pandas: bool, repeat: int) -> dict[str, object]:
    size_mb = path.stat().st_size / 1e6
    runs: dict[str, list[dict[str, float]]] = {
        "raw_scan": [],
        "raw_scan_same_buffer": [],
        "pipeline": [],
    }
    for _ in range(repeat):  # interleaved, so a busy moment on the machine hits both
        for kind in runs:
            runs[kind].append(measure_in_subprocess(kind, path))
    res = {k: best_of(k, path, v) for k, v in runs.items()}
    if lines == 1_000_000:  # the same lines in other published shapes, against the plain file
        for kind in VARIANTS:
            copy = variant_copy(path, kind)
            res[f"pipeline_{kind}"] = best_of(
                "pipeline", copy, [measure_in_subprocess("pipeline", copy) for _ in range(repeat)]
            )
    if with_pandas:
        res["pandas"] = measure_in_subprocess("pandas", path)
    out: dict[str, object] = {"lines": lines, "csv_mb": round(size_mb, 1), "runs": res}
    for r in res.values():
        r["lines_per_s"] = round(lines / r["seconds"])
    out["pipeline_vs_raw_scan_throughput"] = round(
        res["raw_scan"]["seconds"] / res["pipeline"]["seconds"], 3
    )
    out["pipeline_vs_raw_scan_same_buffer_throughput"] = round(
        res["raw_scan_same_buffer"]["seconds"] / res["pipeline"]["seconds"], 3
    )
    if with_pandas:
        out["pipeline_speedup_vs_pandas"] = round(
            res["pandas"]["seconds"] / res["pipeline"]["seconds"], 2
        )
    for kind in VARIANTS:
        if f"pipeline_{kind}" in res:
            out[f"pipeline_{kind}_vs_plain_seconds"] = round(
                res[f"pipeline_{kind}"]["seconds"] / res["pipeline"]["seconds"], 3
            )
    if "pipeline_cp1252" in res:  # the same lines, so the same figures, whatever the encoding
        out["encodings_reconcile"] = all(
            res[f"pipeline_{kind}"]["total_t"] == res["pipeline"]["total_t"]
            for kind in ("cp1252", "utf16")
        )
    out["reconciles_with_raw_scan"] = (
        abs(res["raw_scan"]["spend_sek"] - res["pipeline"]["spend_sek"]) < 1.0
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--10m", dest="ten", action="store_true", help="also 10 M lines")
    parser.add_argument("--pandas-10m", action="store_true", help="also pandas at 10 M")
    parser.add_argument("--data", type=Path, default=HERE / "out")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best is reported)")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one[0], Path(args.one[1]))
        return
    report: dict[str, object] = {
        "targets": {"vs_raw_scan": ">= 0.5", "vs_pandas": ">= 10", "peak_rss_mb_10m": "< 1500"}
    }
    sizes = [1_000_000] + ([10_000_000] if args.ten or args.pandas_10m else [])
    for lines in sizes:
        path = args.data / f"ledger_{lines}.csv"
        if not path.exists():  # generated in a subprocess so this process stays small
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "ledger_gen.py"),
                    "--cache",
                    str(args.data),
                    str(lines),
                ],
                check=True,
            )
        report[f"{lines // 1_000_000}M"] = compare(
            path, lines, with_pandas=lines == 1_000_000 or args.pandas_10m, repeat=args.repeat
        )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
