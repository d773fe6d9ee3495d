"""Emission goals: the path a goal requires and the gap to business-as-usual, per sector.

A goal is a level to reach by a target year, absolute (tonnes) or as a share of a base year.
The required path runs in a straight line from the last recorded year to the target and holds
the target level afterwards. It is split over sectors in proportion to each sector's share in
the last recorded year (every sector cuts by the same percentage), so the sector gaps add up to
the total gap. BAU per sector is each sector's own trend floored at zero (see calc.trends).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from klimatkontrakt.calc.trends import bau_forecast

SCOPES = ("territorial", "organisation")


@dataclass(frozen=True)
class Goal:
    target_year: int
    level_t: float | None = None  # absolute level to reach, tonnes per year
    share_of_base: float | None = None  # or: this share of the base year's emissions (0.2 = 20 %)
    base_year: int | None = None
    scope: str = "territorial"

    def __post_init__(self) -> None:
        if (self.level_t is None) == (self.share_of_base is None):
            raise ValueError("a goal has either an absolute level or a share of a base year")
        if self.share_of_base is not None and self.base_year is None:
            raise ValueError("a goal given as a share of a base year needs the base year")
        if self.share_of_base is not None and self.share_of_base < 0:
            raise ValueError("the share of the base year cannot be negative")
        if self.level_t is not None and self.level_t < 0:
            raise ValueError("the target level cannot be negative")
        if self.scope not in SCOPES:
            raise ValueError(f"scope must be one of {SCOPES}")

    def target_t(self, years: Sequence[int], total: np.ndarray) -> float:
        if self.level_t is not None:
            return float(self.level_t)
        assert self.share_of_base is not None and self.base_year is not None
        if self.base_year not in years:
            raise ValueError(f"no recorded emissions for the base year {self.base_year}")
        return float(self.share_of_base * total[list(years).index(self.base_year)])


@dataclass(frozen=True)
class GoalGap:
    goal: Goal
    sectors: tuple[str, ...]
    start_year: int
    target_t: float
    years: tuple[int, ...]  # start_year + 1 .. until
    path: np.ndarray  # (sectors, years) required emissions
    bau: np.ndarray  # (sectors, years) business-as-usual
    gap: np.ndarray  # bau - path; positive = reductions still to find

    @property
    def path_total(self) -> np.ndarray:
        return self.path.sum(axis=0)

    @property
    def bau_total(self) -> np.ndarray:
        return self.bau.sum(axis=0)

    @property
    def gap_total(self) -> np.ndarray:
        return self.gap.sum(axis=0)

    def gap_at(self, year: int) -> float:
        return float(self.gap_total[self.years.index(year)])


def goal_gap(
    goal: Goal,
    years: Sequence[int],
    sector_values: np.ndarray,
    sectors: Sequence[str],
    *,
    trend_from: int = 2015,
    method: str = "ols",
    until: int = 2050,
) -> GoalGap:
    """Required path and BAU gap per sector and year for ``goal`` given recorded sector series
    (shape sectors x years)."""
    values = np.atleast_2d(np.asarray(sector_values, dtype=float))
    if values.shape != (len(sectors), len(years)):
        raise ValueError("sector_values must be shaped (sectors, years)")
    last = int(years[-1])
    if goal.target_year <= last:
        raise ValueError(f"the target year {goal.target_year} is not after the data ({last})")
    total = values.sum(axis=0)
    target = goal.target_t(years, total)
    start = total[-1]
    future = np.arange(last + 1, max(until, goal.target_year) + 1)
    progress = np.clip((future - last) / (goal.target_year - last), 0.0, 1.0)
    path_total = start + (target - start) * progress
    weights = values[:, -1] / start if start > 0 else np.full(len(sectors), 1.0 / len(sectors))
    path = weights[:, None] * path_total[None, :]
    bau = bau_forecast(years, values, from_year=trend_from, method=method, until=int(future[-1]))
    return GoalGap(
        goal=goal,
        sectors=tuple(sectors),
        start_year=last,
        target_t=target,
        years=tuple(int(y) for y in future),
        path=path,
        bau=bau.values,
        gap=bau.values - path,
    )
