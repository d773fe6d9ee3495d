"""An independent, deliberately plain reimplementation of cemus-2023 (the issue's 8 steps) for one
municipality at a time: lists, loops, math and datetime, no numpy and nothing from calc/.
Used only to check the vectorised method in klimatkontrakt.calc.budgets."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

YEAR_SECONDS = 60 * 60 * 24 * 365


@dataclass
class Outcome:
    budget: float
    start: int
    reduction_pct: float | None
    runs_out: date | None
    net_zero: date | None
    historical_pct: float
    slope: float
    intercept: float
    paris: dict[int, float]
    trend: dict[int, float]
    trend_total: float


def ols(xs: list[float], ys: list[float]) -> tuple[float, float]:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    a = sxy / sxx
    return a, my - a * mx


def trapz(ys: list[float]) -> float:
    return sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))


def add_years(year: int, frac: float) -> date | None:
    if not math.isfinite(frac):
        return None
    try:
        return (datetime(year, 1, 1) + timedelta(seconds=int(frac * YEAR_SECONDS))).date()
    except OverflowError:
        return None


def one(
    name: str,
    data: dict[str, dict[int, float]],
    cement: dict[str, dict[int, float]],
    current_year: int,
) -> Outcome:
    # Step 1: subtract cement process emissions
    net = {
        m: {y: v - cement.get(m, {}).get(y, 0.0) for y, v in series.items()}
        for m, series in data.items()
    }
    last = max(max(s) for s in net.values())
    # Step 2
    national = 80e6 - (55e6 / 285e6) * 80e6
    # Step 3
    own = sum(v for y, v in net[name].items() if 2015 <= y <= last)
    everyone = sum(v for s in net.values() for y, v in s.items() if 2015 <= y <= last)
    share = own / everyone
    # Step 4
    mine = net[name]
    xs = [y for y in sorted(mine) if 2015 <= y <= last]
    a, b = ols([float(x) for x in xs], [mine[x] for x in xs])

    def approx(y: int) -> float:
        return max(0.0, a * y + b)

    # Step 5
    s = 2024
    c = current_year
    budget = national * share
    approximated_years = []
    for y in range(s, c):
        if y <= last:
            budget -= mine[y]
        else:
            approximated_years.append(y)
    if approximated_years:
        budget -= trapz([approx(y) for y in range(approximated_years[0], c + 1)])
    # Step 6
    f = max(s, c)
    e_f = mine[f] if f <= last else approx(f)
    paris: dict[int, float] = {}
    reduction = None
    if budget > 0:
        for y in range(f, 2051):
            paris[y] = e_f * math.exp(-(e_f / budget) * (y - f))
        if paris[f + 1] != 0:
            reduction = 100 * (paris[f + 1] - paris[f + 2]) / paris[f + 1]
        elif e_f > 0:
            reduction = 100.0  # the path drops to nothing within a year
    # Step 7
    trend = {y: approx(y) for y in range(c, 2051)}
    from_f = [approx(y) for y in range(f, 2051)]
    total = trapz(from_f)
    runs_out = None
    if total > budget:
        rest = budget - trapz(from_f[:2])
        x1 = f + 1
        inside = 2 * rest * a + (a * x1 + b) ** 2
        if a == 0:
            x2 = x1 + rest / b
        elif inside >= 0:
            x2 = (math.sqrt(inside) - b) / a
        else:
            x2 = math.nan
        runs_out = add_years(x1, x2 - x1)
    net_zero = add_years(last + 1, -b / a - (last + 1)) if a < 0 else None
    # Step 8
    seq = [mine[y] for y in sorted(mine) if 2015 <= y <= last]
    changes = [(seq[i] - seq[i - 1]) / seq[i - 1] for i in range(1, len(seq))]
    historical = 100 * sum(changes) / len(changes)
    return Outcome(budget, f, reduction, runs_out, net_zero, historical, a, b, paris, trend, total)
