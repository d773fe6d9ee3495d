"""Trend lines over emission series and the business-as-usual (BAU) forecast.

Every function works on many series at once: ``values`` has shape (series, years), e.g. 290
municipalities or 9 sectors, so a whole country is one numpy pass. A trend is a line
``slope * year + intercept`` in absolute calendar years; forecasts are floored at zero because
territorial emissions cannot go below nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

METHODS = ("ols", "lad")


@dataclass(frozen=True)
class Trend:
    """One fitted line per series: value(year) = slope * year + intercept."""

    slope: np.ndarray
    intercept: np.ndarray
    from_year: int
    to_year: int
    method: str

    def line(self, years: Sequence[int] | np.ndarray) -> np.ndarray:
        """The unfloored line at ``years``, shape (series, len(years))."""
        y = np.asarray(years, dtype=float)
        return self.slope[:, None] * y[None, :] + self.intercept[:, None]

    def at(self, years: Sequence[int] | np.ndarray) -> np.ndarray:
        """The line floored at zero: the forecast value."""
        return np.maximum(self.line(years), 0.0)

    def shifted_through(self, year: int, values: np.ndarray) -> Trend:
        """The same slopes, moved so each line passes through (year, value)."""
        offset = np.asarray(values, dtype=float) - (self.slope * year + self.intercept)
        return Trend(self.slope, self.intercept + offset, self.from_year, self.to_year, self.method)


def _window(
    years: Sequence[int], values: np.ndarray, from_year: int, to_year: int
) -> tuple[np.ndarray, np.ndarray]:
    yrs = np.asarray(years, dtype=float)
    vals = np.atleast_2d(np.asarray(values, dtype=float))
    if vals.shape[1] != len(yrs):
        raise ValueError(f"values have {vals.shape[1]} columns for {len(yrs)} years")
    mask = (yrs >= from_year) & (yrs <= to_year)
    if mask.sum() < 2:
        raise ValueError(f"a trend needs at least two years with data in {from_year}..{to_year}")
    window = vals[:, mask]
    if not np.all(np.isfinite(window)):
        raise ValueError("emission series contain missing or infinite values")
    return yrs[mask], window


def fit_ols(years: Sequence[int], values: np.ndarray, from_year: int, to_year: int) -> Trend:
    """Ordinary least squares line per series over the years from_year..to_year."""
    x, y = _window(years, values, from_year, to_year)
    xc = x - x.mean()
    slope = (y - y.mean(axis=1, keepdims=True)) @ xc / (xc @ xc)
    intercept = y.mean(axis=1) - slope * x.mean()
    return Trend(slope, intercept, from_year, to_year, "ols")


def fit_lad(years: Sequence[int], values: np.ndarray, from_year: int, to_year: int) -> Trend:
    """Least-absolute-deviation (median regression) line per series, solved exactly as one
    linear programme for all series (HiGHS): minimise sum |y - a x - c| via y = a x + c + u - v."""
    # scipy loads here, not with the module: the footprint pipeline imports this module for
    # OLS-only forecasts and its one-shot command must not pay scipy's ~0.5 s start-up.
    from scipy import sparse
    from scipy.optimize import linprog

    x, y = _window(years, values, from_year, to_year)
    m, n = y.shape
    xc = x - x.mean()
    # Each series is scaled to unit size so HiGHS's absolute tolerances mean the same everywhere.
    scale = np.maximum(np.abs(y).max(axis=1), 1.0)
    ys = y / scale[:, None]
    rows = np.arange(m * n)
    series = np.repeat(np.arange(m), n)
    slope_block = sparse.csr_array((np.tile(xc, m), (rows, series)), shape=(m * n, m))
    const_block = sparse.csr_array((np.ones(m * n), (rows, series)), shape=(m * n, m))
    ident = sparse.identity(m * n, format="csr")
    a_eq = sparse.hstack([slope_block, const_block, ident, -ident], format="csr")
    cost = np.concatenate([np.zeros(2 * m), np.ones(2 * m * n)])
    bounds = [(None, None)] * (2 * m) + [(0, None)] * (2 * m * n)
    res = linprog(cost, A_eq=a_eq, b_eq=ys.ravel(), bounds=bounds, method="highs")
    if res.status != 0:
        raise ArithmeticError(f"median regression did not solve: {res.message}")
    slope = res.x[:m] * scale
    centred = res.x[m : 2 * m] * scale
    return Trend(slope, centred - slope * x.mean(), from_year, to_year, "lad")


def fit(
    method: str, years: Sequence[int], values: np.ndarray, from_year: int, to_year: int
) -> Trend:
    if method == "ols":
        return fit_ols(years, values, from_year, to_year)
    if method == "lad":
        return fit_lad(years, values, from_year, to_year)
    raise ValueError(f"unknown trend method {method!r}; choose one of {METHODS}")


@dataclass(frozen=True)
class Baseline:
    """A BAU forecast: the trend, and its floored values for each year after the data."""

    trend: Trend
    years: tuple[int, ...]
    values: np.ndarray  # (series, len(years))

    def at(self, year: int) -> np.ndarray:
        return self.values[:, self.years.index(year)]


def bau_forecast(
    years: Sequence[int],
    values: np.ndarray,
    *,
    from_year: int,
    to_year: int | None = None,
    method: str = "ols",
    until: int = 2050,
) -> Baseline:
    """Business-as-usual: the trend over from_year..to_year (default: last year with data)
    carried forward, floored at zero, for every year after to_year up to ``until``."""
    last = int(max(years)) if to_year is None else to_year
    trend = fit(method, years, values, from_year, last)
    future = tuple(range(last + 1, until + 1))
    return Baseline(trend, future, trend.at(future))


def trapezoid_total(values: np.ndarray) -> np.ndarray:
    """Trapezoidal integral over unit-spaced years along the last axis."""
    if values.shape[-1] < 2:
        return np.zeros(values.shape[:-1])
    return values.sum(axis=-1) - 0.5 * (values[..., 0] + values[..., -1])
