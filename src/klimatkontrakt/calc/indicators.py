"""Indicator trend line and status (on track / at risk / off track).

The status rule, in full (docs/followup.md repeats it for users):

1. Fit an ordinary least-squares line through the observed (year, value) points.
   At least two distinct years are needed; with fewer, the indicator is not assessed.
2. The assessed target is the first target whose year is not before the latest observed
   year; when every target lies in the past, the latest target.
3. The expected value for the target year is the observed value when that year has been
   observed, otherwise the trend line's value in that year.
4. The shortfall is how far the expected value falls short of the target, in the
   indicator's good direction (for a "down is good" indicator: expected - target).
5. The tolerance band is ``tolerance`` times the change still required: the distance
   between the latest observed value and the target (or the target's magnitude when
   that distance is zero).
6. shortfall <= 0: on track; 0 < shortfall <= band: at risk; shortfall > band: off track.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from klimatkontrakt.calc.trends import fit_ols

DEFAULT_TOLERANCE = 0.25


class Direction(StrEnum):
    """Which way is good for an indicator."""

    UP = "up"
    DOWN = "down"


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


@dataclass(frozen=True)
class TrendLine:
    """value = intercept + slope * year, fitted by ordinary least squares."""

    slope: float
    intercept: float
    first_year: int
    last_year: int

    def at(self, year: int | float) -> float:
        return self.intercept + self.slope * year


@dataclass(frozen=True)
class Assessment:
    """The status of one indicator and the numbers behind it."""

    status: Status | None
    reason: str
    trend: TrendLine | None = None
    target_year: int | None = None
    target_value: float | None = None
    expected_value: float | None = None
    shortfall: float | None = None
    band: float | None = None


def fit_trend(points: Mapping[int, float], from_year: int | None = None) -> TrendLine | None:
    """OLS trend line through {year: value} (from ``from_year`` on when given); None with fewer
    than two distinct years."""
    finite = {
        year: value
        for year, value in points.items()
        if math.isfinite(value) and (from_year is None or year >= from_year)
    }
    if len(finite) < 2:
        return None
    years = sorted(finite)
    # The same OLS as the emission trends; unlike their forecast, an indicator's line is
    # not floored at zero (a share or a count may rise or fall).
    trend = fit_ols(years, np.array([[finite[year] for year in years]]), years[0], years[-1])
    return TrendLine(
        slope=float(trend.slope[0]),
        intercept=float(trend.intercept[0]),
        first_year=years[0],
        last_year=years[-1],
    )


def _shortfall(expected: float, target: float, direction: Direction) -> float:
    return expected - target if direction is Direction.DOWN else target - expected


def choose_target(targets: Mapping[int, float], latest_year: int) -> tuple[int, float] | None:
    """The first target not before the latest observed year, else the latest target."""
    if not targets:
        return None
    upcoming = [year for year in targets if year >= latest_year]
    year = min(upcoming) if upcoming else max(targets)
    return year, targets[year]


def assess(
    values: Mapping[int, float] | Iterable[tuple[int, float]],
    targets: Mapping[int, float] | Iterable[tuple[int, float]],
    direction: Direction | str,
    tolerance: float = DEFAULT_TOLERANCE,
    trend_from: int | None = None,
) -> Assessment:
    """Assess an indicator's status by the rule in this module's docstring; ``trend_from``
    fits the line through the years from then on only (an emission indicator uses the
    emissions page's trend window)."""
    if tolerance < 0:
        raise ValueError(f"tolerance must be >= 0, got {tolerance}")
    direction = Direction(direction)
    observed = {int(y): float(v) for y, v in dict(values).items() if math.isfinite(float(v))}
    goals = {int(y): float(v) for y, v in dict(targets).items()}
    if not goals:
        return Assessment(status=None, reason="no target")
    trend = fit_trend(observed, trend_from)
    if trend is None:
        return Assessment(status=None, reason="fewer than two observed years")
    latest_year = trend.last_year
    chosen = choose_target(goals, latest_year)
    assert chosen is not None
    target_year, target_value = chosen
    expected = observed[target_year] if target_year in observed else trend.at(target_year)
    shortfall = _shortfall(expected, target_value, direction)
    # A fitted line that lands on the target may miss it by rounding alone.
    if abs(shortfall) <= 1e-9 * max(1.0, abs(target_value), abs(expected)):
        shortfall = 0.0
    required = abs(target_value - observed[latest_year])
    band = tolerance * (required if required > 0 else abs(target_value))
    if shortfall <= 0:
        status, reason = Status.ON_TRACK, "expected value meets the target"
    elif shortfall <= band:
        status, reason = Status.AT_RISK, "expected value misses the target within the band"
    else:
        status, reason = Status.OFF_TRACK, "expected value misses the target beyond the band"
    return Assessment(
        status=status,
        reason=reason,
        trend=trend,
        target_year=target_year,
        target_value=target_value,
        expected_value=expected,
        shortfall=shortfall,
        band=band,
    )
