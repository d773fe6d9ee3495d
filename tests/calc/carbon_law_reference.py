"""An independent, deliberately plain reimplementation of carbon-law (the issue's six steps) for
one municipality at a time: lists, loops, math and datetime; no numpy, no linear programme and
nothing from calc/. Used only to check the vectorised method in klimatkontrakt.calc.budgets.

The median-regression (LAD) line is found by exhaustion: with at least two distinct years, some
optimal line passes through two of the data points (an optimum of a linear programme lies at a
vertex), so the best of the lines through every pair of points is an optimum. `lad` also says
whether that optimum is unique, so a comparison can tell a real difference from a tie.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import combinations
from pathlib import Path

YEAR_SECONDS = 60 * 60 * 24 * 365
END_YEAR = 2050
RATE = 0.1172
FROM_YEAR = 2015
DEMO_GGT = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "klimatkontrakt"
    / "emissions"
    / "data"
    / "demo-smhi-ggt-klimatkollen.csv"
)


@dataclass
class Outcome:
    slope: float
    lad_unique: bool
    approximated: dict[int, float]  # L..C
    path: dict[int, float]  # C..2050
    budget: float
    trend: dict[int, float]  # C..2050
    trend_total: float
    meets_goal: bool
    net_zero: date | None
    historical_pct: float


def read_demo_totals(path: Path = DEMO_GGT) -> dict[str, dict[int, float]]:
    """Every municipality's total per year from the demo file, by name (its own plain parse)."""
    lines = [x for x in path.read_text("utf-8").splitlines() if not x.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=";")
    header = next(reader)
    years = [int(y) for y in header[4:]]
    out: dict[str, dict[int, float]] = {}
    for sector, subsector, _county, muni, *values in reader:
        if sector == subsector == "Alla" and muni != "Alla":
            out[muni] = {y: float(v) for y, v in zip(years, values, strict=True)}
    return out


def absolute_deviation(xs: list[float], ys: list[float], slope: float, at_zero: float) -> float:
    return sum(abs(y - (at_zero + slope * x)) for x, y in zip(xs, ys, strict=True))


def lad(xs: list[float], ys: list[float]) -> tuple[float, float, bool]:
    """(slope, value at x = 0, unique) of a least-absolute-deviation line, by exhaustion."""
    found = []
    for i, j in combinations(range(len(xs)), 2):
        if xs[i] == xs[j]:
            continue
        slope = (ys[i] - ys[j]) / (xs[i] - xs[j])
        at_zero = ys[i] - slope * xs[i]
        found.append((absolute_deviation(xs, ys, slope, at_zero), slope, at_zero))
    best = min(f[0] for f in found)
    tol = 1e-9 * max(1.0, best)
    optimal = [(s, c) for f, s, c in found if f <= best + tol]
    slope, at_zero = optimal[0]
    unique = all(math.isclose(s, slope, rel_tol=1e-9, abs_tol=1e-9) for s, _ in optimal)
    return slope, at_zero, unique


def one(series: dict[int, float], current: int) -> Outcome:
    last = max(series)
    years = [y for y in sorted(series) if FROM_YEAR <= y <= last]
    # Step 1: LAD on (year - L, emissions), then moved to pass through E_L; floored at zero.
    xs = [float(y - last) for y in years]
    slope, _, unique = lad(xs, [series[y] for y in years])
    e_last = series[last]

    def line(year: int) -> float:
        return e_last + slope * (year - last)

    approximated = {y: max(0.0, line(y)) for y in range(last, current + 1)}
    # Step 2: the path from C.
    e_c = series[current] if current <= last else approximated[current]
    path = {}
    value = e_c
    for y in range(current, END_YEAR + 1):
        path[y] = value
        value = value * (1 - RATE)
    budget = 0.0
    for y in path:
        budget += path[y]
    # Step 3.
    trend = {y: max(0.0, line(y)) for y in range(current, END_YEAR + 1)}
    trend_total = 0.0
    for y in trend:
        trend_total += trend[y]
    # Step 4: net zero where the line through E_L crosses zero (falling lines only).
    net_zero = None
    if slope < 0:
        t = last - e_last / slope
        whole = int(t)
        seconds = int((t - whole) * YEAR_SECONDS)
        net_zero = (datetime(whole, 1, 1) + timedelta(seconds=seconds)).date()
    # Step 5: the compound yearly rate from 2015 to L.
    historical = ((e_last / series[FROM_YEAR]) ** (1 / (last - FROM_YEAR)) - 1) * 100
    return Outcome(
        slope=slope,
        lad_unique=unique,
        approximated=approximated,
        path=path,
        budget=budget,
        trend=trend,
        trend_total=trend_total,
        meets_goal=trend_total <= budget,
        net_zero=net_zero,
        historical_pct=historical,
    )
