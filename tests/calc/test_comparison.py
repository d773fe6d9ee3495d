"""The national comparison's arithmetic (calc/comparison.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc.comparison import (
    ev_share_change,
    per_unit,
    procurement_score,
    share_pct,
)


@given(
    slope=st.floats(-20, 20, allow_nan=False),
    start=st.floats(0, 50, allow_nan=False),
)
def test_the_slope_of_shares_on_a_straight_line_is_that_line_s_slope(slope, start):
    shares = {year: start + slope * (year - 2015) for year in range(2015, 2026)}
    assert ev_share_change(shares) == pytest.approx(slope, abs=1e-9)


def test_years_outside_2015_to_2025_do_not_count():
    shares = {2014: 1000.0, 2015: 0.0, 2016: 1.0, 2025: 10.0, 2026: -1000.0}
    # by hand: x = 0, 1, 10 (from 2015), y = 0, 1, 10: a line of slope 1
    assert ev_share_change(shares) == pytest.approx(1.0)


def test_fewer_than_two_years_give_no_slope():
    assert ev_share_change({2020: 5.0}) is None


def test_shares_and_ratios_of_nothing_are_none():
    assert share_pct(1232, 3328) == pytest.approx(37.019, abs=1e-3)
    assert share_pct(0, 0) is None
    assert per_unit(10, 0) is None
    assert per_unit(6326, 496) == pytest.approx(12.754, abs=1e-3)


@pytest.mark.parametrize(
    ("link", "survey", "score"),
    [(True, True, 2), (True, False, 2), (False, True, 1), (False, False, 0), (False, None, 0)],
)
def test_procurement_score(link, survey, score):
    assert procurement_score(link, survey) == score
