"""Carbon budget methods: cemus-2023 against an independent reimplementation on SMHI's real
file, properties of all methods, and the method registry."""

from __future__ import annotations

import importlib.util
import math
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klimatkontrakt.calc import budgets
from klimatkontrakt.calc.budgets import EmissionSeries, compute, dates_from, national_budget
from klimatkontrakt.sources import process_emissions, smhi

_spec = importlib.util.spec_from_file_location(
    "cemus_reference", Path(__file__).with_name("cemus_reference.py")
)
assert _spec and _spec.loader
reference = importlib.util.module_from_spec(_spec)
sys.modules["cemus_reference"] = reference
_spec.loader.exec_module(reference)

YEARS = (1990, 2000, 2005, 2010, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022)


@pytest.fixture(scope="module")
def co2_series() -> EmissionSeries:
    path = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    if not path.is_dir():
        pytest.skip(f"../shared/data not found at {path}: real-file tests need it")
    report = smhi.read_report(path / "df_municipalities_2022.xlsx")
    rows, matrix = report.select()
    names = tuple(r.municipality for r in rows)
    cement = process_emissions.deduction_matrix(
        process_emissions.cement_process_emissions(), names, report.years, by="name"
    )
    return EmissionSeries(names, report.years, matrix, "t CO2", cement)


def _as_dicts(series: EmissionSeries) -> tuple[dict, dict]:
    data = {
        k: {y: float(v) for y, v in zip(series.years, row, strict=True)}
        for k, row in zip(series.keys, series.values, strict=True)
    }
    cement: dict[str, dict[int, float]] = {
        r.municipality: {} for r in process_emissions.cement_process_emissions()
    }
    for r in process_emissions.cement_process_emissions():
        cement[r.municipality][r.year] = r.tonnes
    return data, cement


def _close(a: float | None, b: float | None, rel: float = 1e-9, abs_: float = 1e-6) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


@pytest.mark.parametrize("current_year", [2023, 2024, 2025, 2026])
def test_cemus_matches_independent_reimplementation_for_all_290(co2_series, current_year):
    batch = compute("cemus-2023", co2_series, current_year)
    data, cement = _as_dicts(co2_series)
    assert len(batch) == 290
    mismatches = []
    for i, name in enumerate(co2_series.keys):
        got = batch.result(i)
        want = reference.one(name, data, cement, current_year)
        checks = {
            "budget": _close(got.budget_t, want.budget),
            "start": got.budget_start_year == want.start,
            "reduction": _close(got.required_reduction_pct, want.reduction_pct),
            "runs_out": got.budget_runs_out == want.runs_out,
            "net_zero": got.net_zero_date == want.net_zero,
            "historical": _close(got.historical_change_pct, want.historical_pct),
            "slope": _close(got.trend_slope, want.slope),
            "intercept": _close(got.trend_intercept, want.intercept, rel=1e-7),
            "trend_total": _close(got.trend_total_t, want.trend_total),
            "paris": got.paris_path.keys() == want.paris.keys()
            and all(_close(got.paris_path[y], want.paris[y]) for y in want.paris),
            "trend": got.trend_path.keys() == want.trend.keys()
            and all(_close(got.trend_path[y], want.trend[y], abs_=1e-3) for y in want.trend),
        }
        mismatches += [(name, k) for k, ok in checks.items() if not ok]
    assert mismatches == []


def test_cemus_karlstad_2024_figures(co2_series):
    karlstad = compute("cemus-2023", co2_series, 2024).result(co2_series.keys.index("Karlstad"))
    assert karlstad.budget_start_year == 2024
    assert karlstad.unit == "t CO2"
    assert karlstad.budget_t == pytest.approx(339_036, abs=1)
    assert karlstad.required_reduction_pct == pytest.approx(38.32, abs=0.01)
    assert karlstad.budget_runs_out == date(2026, 2, 28)
    assert karlstad.net_zero_date == date(2049, 6, 29)
    assert karlstad.historical_change_pct == pytest.approx(-3.36, abs=0.01)
    assert set(karlstad.paris_path) == set(range(2024, 2051))
    assert karlstad.trend_from_year == 2015 and karlstad.trend_to_year == 2022


def test_cement_deduction_changes_only_the_three_plant_municipalities(co2_series):
    with_cement = compute("cemus-2023", co2_series, 2024)
    without = compute("cemus-2023", co2_series, 2024, deduct_process_emissions=False)
    gotland = co2_series.keys.index("Gotland")
    # Gotland's share shrinks by far the most: its cement plant is most of its CO2.
    assert with_cement.budget_t[gotland] < 0.2 * without.budget_t[gotland]
    changed = {
        co2_series.keys[i]
        for i in range(290)
        if with_cement.trend.slope[i] != without.trend.slope[i]
    }
    assert changed == {"Gotland", "Skövde", "Mörbylånga"}


def test_cemus_shares_hand_out_the_whole_national_budget(co2_series):
    # With C = S and no recorded year in S..C-1, nothing is spent yet.
    batch = compute("cemus-2023", co2_series, 2024)
    assert batch.budget_t.sum() == pytest.approx(national_budget(80e6, 285e6, 55e6), rel=1e-12)
    assert national_budget(80e6, 285e6, 55e6) == pytest.approx(80e6 - 55 / 285 * 80e6)


def _series(values: list[list[float]], years=YEARS) -> EmissionSeries:
    arr = np.array(values, dtype=float)
    return EmissionSeries(tuple(f"{i:04d}" for i in range(len(arr))), tuple(years), arr)


positive = st.floats(min_value=1e3, max_value=1e7, allow_nan=False)
rows = st.lists(positive, min_size=len(YEARS), max_size=len(YEARS))


@settings(max_examples=60, deadline=None)
@given(st.lists(rows, min_size=2, max_size=6), st.integers(2024, 2030))
def test_cemus_paris_path_spends_exactly_the_budget(values, current_year):
    batch = compute("cemus-2023", _series(values), current_year)
    for i in range(len(batch)):
        r = batch.result(i)
        if r.budget_t <= 0:
            assert r.paris_path == {} and r.required_reduction_pct is None
            continue
        f = r.budget_start_year
        e_f = r.paris_path[f]
        if e_f == 0:  # the trend is already at zero by F: nothing left to cut
            assert r.required_reduction_pct is None
            assert set(r.paris_path.values()) == {0.0}
            continue
        assert r.required_reduction_pct is not None
        assert 0 < r.required_reduction_pct <= 100
        # The exponential path's integral from F to infinity is E_F / rate = the budget.
        rate = e_f / r.budget_t
        assert r.paris_path[f + 1] == pytest.approx(e_f * math.exp(-rate), rel=1e-9)
        assert r.required_reduction_pct == pytest.approx(100 * (1 - math.exp(-rate)), rel=1e-9)
        path = list(r.paris_path.values())
        assert all(b <= a for a, b in zip(path, path[1:], strict=False))
        assert all(v >= 0 for v in r.trend_path.values())


@settings(max_examples=40, deadline=None)
@given(positive, st.floats(min_value=1e5, max_value=1e8))
def test_flat_emissions_run_out_when_the_budget_is_spent(level, budget_t):
    # A flat series: trend = level, so the budget lasts budget/level years from 1 Jan of F. The
    # method counts the years after F's first from 1 Jan of F + 1 in 365-day years, so the date
    # is taken from there (from 1 Jan of F a leap day would shift it by one).
    series = _series([[level] * len(YEARS)])
    r = compute("fixed", series, 2024, budget_t=budget_t, start_year=2024).result(0)
    assert r.trend_slope == pytest.approx(0, abs=1e-6 * level)
    years_left = budget_t / level
    if years_left >= 2050 - 2024:
        assert r.budget_runs_out is None
    else:
        expected = dates_from(2025, np.array([years_left - 1]))[0].astype(date)
        assert abs((r.budget_runs_out - expected).days) <= 1
    assert r.net_zero_date is None


def test_falling_line_reaches_net_zero_where_it_crosses_zero():
    # 1000 t in 2015 falling 80 t a year: zero at 2027.5, i.e. 4.5 365-day years after
    # 1 January 2023 (the year after the last data): 1642.5 days later, noon on 1 July 2027.
    years = tuple(range(2015, 2023))
    series = _series([[1000 - 80 * (y - 2015) for y in years]], years)
    r = compute("fixed", series, 2024, budget_t=1e6).result(0)
    assert r.trend_slope == pytest.approx(-80)
    assert r.net_zero_date == date(2027, 7, 1)
    assert r.historical_change_pct == pytest.approx(
        100 * np.mean([-80 / (1000 - 80 * k) for k in range(7)])
    )


def test_fixed_budget_takes_off_recorded_years_since_its_start():
    years = tuple(range(2015, 2023))
    series = _series([[500.0] * len(years)], years)
    r = compute("fixed", series, 2022, budget_t=10_000, start_year=2020).result(0)
    assert r.budget_t == pytest.approx(10_000 - 2 * 500)  # 2020 and 2021 are spent
    assert r.budget_start_year == 2022
    assert r.paris_path[2022] == pytest.approx(500)
    with pytest.raises(ValueError, match="budget_t > 0"):
        compute("fixed", series, 2024, budget_t=0)


@settings(max_examples=40, deadline=None)
@given(st.lists(rows, min_size=1, max_size=5))
def test_carbon_law_path_and_goal(values):
    # The published method starts the path at the current year C (2026), after the data (2022).
    series = _series(values)
    batch = compute("carbon-law", series, 2026)
    for i in range(len(batch)):
        r = batch.result(i)
        path = r.paris_path
        assert min(path) == 2026 and max(path) == 2050
        assert path[2026] == pytest.approx(max(0.0, values[i][-1] + 4 * r.trend_slope), rel=1e-6)
        assert path[2027] == pytest.approx(path[2026] * (1 - 0.1172))
        assert r.budget_t == pytest.approx(sum(path.values()))
        assert r.budget_start_year == 2026
        assert r.meets_goal == (r.trend_total_t <= r.budget_t)
        assert (r.budget_runs_out is None) == (sum(r.trend_path.values()) <= r.budget_t)
        assert r.required_reduction_pct == pytest.approx(11.72)


def test_carbon_law_on_real_file_meets_goal_only_when_trend_total_fits(co2_series):
    batch = compute("carbon-law", co2_series, 2026)
    assert batch.meets_goal is not None
    assert np.array_equal(batch.meets_goal, batch.trend_total_t <= batch.budget_t)
    assert 0 < batch.meets_goal.sum() < 290  # some municipalities are on track, most are not


def test_registry_names_parameters_and_errors():
    assert set(budgets.METHODS) == {"cemus-2023", "carbon-law", "fixed"}
    cemus = budgets.METHODS["cemus-2023"]
    assert cemus.parameters()["start_year"] == 2024
    assert "CEMUS" in cemus.description
    series = _series([[1.0] * len(YEARS)] * 2)
    with pytest.raises(ValueError, match="unknown budget method"):
        compute("nope", series, 2024)
    with pytest.raises(ValueError, match="no parameter"):
        compute("cemus-2023", series, 2024, colour="red")
    with pytest.raises(ValueError, match="shape"):
        EmissionSeries(("a",), YEARS, np.zeros((2, len(YEARS))))


def test_dates_count_365_day_years_from_first_january():
    out = dates_from(2025, np.array([0.0, 0.5, 1.0, -0.001, np.nan, 1e6]))
    assert list(out[:4].astype(date)) == [
        date(2025, 1, 1),
        date(2025, 7, 2),
        date(2026, 1, 1),
        date(2024, 12, 31),
    ]
    assert np.isnat(out[4]) and np.isnat(out[5])
