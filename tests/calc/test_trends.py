"""Trend lines (OLS, exact least-absolute-deviation) and the BAU forecast."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klimatkontrakt.calc.trends import (
    bau_forecast,
    fit,
    fit_lad,
    fit_ols,
    trapezoid_total,
)

YEARS = tuple(range(2015, 2023))
value = st.floats(min_value=0, max_value=1e6, allow_nan=False)
series = st.lists(value, min_size=len(YEARS), max_size=len(YEARS))


def _lad_by_enumeration(x: np.ndarray, y: np.ndarray) -> float:
    """Smallest sum of absolute deviations over all lines through two data points: an
    optimal LAD line always passes through at least two points."""
    best = np.inf
    for i, j in itertools.combinations(range(len(x)), 2):
        a = (y[j] - y[i]) / (x[j] - x[i])
        b = y[i] - a * x[i]
        best = min(best, np.abs(y - a * x - b).sum())
    return float(best)


@settings(max_examples=60, deadline=None)
@given(st.lists(series, min_size=1, max_size=5))
def test_ols_matches_numpy_polyfit(values):
    trend = fit_ols(YEARS, np.array(values), 2015, 2022)
    for i, row in enumerate(values):
        slope, intercept = np.polyfit(YEARS, row, 1)
        assert trend.slope[i] == pytest.approx(slope, abs=1e-6 * (1 + max(row)))
        assert trend.line([2022])[i, 0] == pytest.approx(
            slope * 2022 + intercept, abs=1e-4 * (1 + max(row))
        )


@settings(max_examples=60, deadline=None)
@given(st.lists(series, min_size=1, max_size=5))
def test_lad_is_the_exact_minimum_of_absolute_deviations(values):
    arr = np.array(values)
    lad = fit_lad(YEARS, arr, 2015, 2022)
    ols = fit_ols(YEARS, arr, 2015, 2022)
    x = np.array(YEARS, dtype=float)
    for i, row in enumerate(arr):
        lad_dev = np.abs(row - lad.line(YEARS)[i]).sum()
        ols_dev = np.abs(row - ols.line(YEARS)[i]).sum()
        assert lad_dev == pytest.approx(_lad_by_enumeration(x, row), abs=1e-5 * (1 + row.max()))
        assert lad_dev <= ols_dev + 1e-5 * (1 + row.max())


def test_lad_ignores_an_outlier_that_pulls_ols():
    row = [100.0, 90, 80, 70, 60, 50, 40, 30]
    row[3] = 1000.0
    lad = fit_lad(YEARS, np.array([row]), 2015, 2022)
    ols = fit_ols(YEARS, np.array([row]), 2015, 2022)
    assert lad.slope[0] == pytest.approx(-10, abs=1e-6)
    assert abs(ols.slope[0] + 10) > 5  # the outlier drags the least-squares line


def test_floor_at_zero_and_line_below_it():
    trend = fit("ols", YEARS, np.array([[80.0 - 10 * k for k in range(8)]]), 2015, 2022)
    assert trend.line([2030])[0, 0] == pytest.approx(-70)
    assert trend.at([2030])[0, 0] == 0.0
    assert trend.at([2020])[0, 0] == pytest.approx(30)


def test_shifted_line_passes_through_the_last_value():
    trend = fit_lad(YEARS, np.array([[5.0, 9, 1, 7, 3, 8, 2, 6]]), 2015, 2022)
    moved = trend.shifted_through(2022, np.array([6.0]))
    assert moved.line([2022])[0, 0] == pytest.approx(6.0)
    assert moved.slope[0] == trend.slope[0]


def test_fit_uses_only_the_chosen_years():
    years = (1990, 2000, 2015, 2016, 2017)
    values = np.array([[1e9, -1e9, 10.0, 20.0, 30.0]])
    assert fit_ols(years, values, 2015, 2017).slope[0] == pytest.approx(10)
    assert fit_lad(years, values, 2015, 2017).slope[0] == pytest.approx(10)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="at least two years"):
        fit_ols(YEARS, np.ones((1, 8)), 2022, 2022)
    with pytest.raises(ValueError, match="missing"):
        fit_ols(YEARS, np.array([[1, 2, np.nan, 4, 5, 6, 7, 8]]), 2015, 2022)
    with pytest.raises(ValueError, match="unknown trend method"):
        fit("spline", YEARS, np.ones((1, 8)), 2015, 2022)
    with pytest.raises(ValueError, match="columns"):
        fit_ols(YEARS, np.ones((1, 7)), 2015, 2022)


def test_bau_forecast_to_2030_and_2050_per_sector_and_total():
    sectors = np.array([[100.0 - 5 * k for k in range(8)], [50.0 + 2 * k for k in range(8)]])
    bau = bau_forecast(YEARS, sectors, from_year=2015, method="ols")
    assert bau.years[0] == 2023 and bau.years[-1] == 2050
    assert bau.at(2030)[0] == pytest.approx(100 - 5 * 15)
    assert bau.at(2030)[1] == pytest.approx(50 + 2 * 15)
    assert bau.at(2050)[0] == 0.0  # floored
    total = bau_forecast(YEARS, sectors.sum(axis=0, keepdims=True), from_year=2015)
    assert total.at(2030)[0] == pytest.approx(bau.at(2030).sum())


@given(st.lists(value, min_size=2, max_size=40))
def test_trapezoid_total_matches_numpy(values):
    arr = np.array(values)
    assert trapezoid_total(arr) == pytest.approx(np.trapezoid(arr), rel=1e-9, abs=1e-6)
