import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc.abatement import abatement_cost_per_t, capital_recovery_factor, macc

rates = st.floats(min_value=1e-6, max_value=0.5)
lifetimes = st.integers(min_value=1, max_value=80)


def test_crf_worked_example():
    # 0.05 / (1 - 1.05^-10) = 0.05 / 0.386086746 = 0.12950457
    assert capital_recovery_factor(0.05, 10) == pytest.approx(0.12950457, rel=1e-7)


def test_crf_zero_rate_is_straight_line():
    assert capital_recovery_factor(0.0, 4) == 0.25


def test_abatement_cost_worked_example():
    # (0.12950457 × 1 000 000 − 20 000) / 10 t = 10 950.46 SEK/t
    cost = abatement_cost_per_t(1_000_000, -20_000, 10, 0.05, 10)
    assert cost == pytest.approx(10_950.457, rel=1e-6)


def test_saving_gives_negative_cost():
    assert abatement_cost_per_t(100_000, -50_000, 20, 0.04, 15) < 0


def test_zero_reduction_is_rejected():
    with pytest.raises(ValueError, match="positive"):
        abatement_cost_per_t(1, 0, 0, 0.05, 10)


def test_bad_lifetime_is_rejected():
    with pytest.raises(ValueError, match="lifetime"):
        capital_recovery_factor(0.05, 0)


@given(lifetimes)
def test_crf_tends_to_one_over_n_as_rate_vanishes(n):
    assert capital_recovery_factor(1e-10, n) == pytest.approx(1 / n, rel=1e-6)


@given(rates, lifetimes)
def test_crf_at_least_straight_line_and_above_rate(r, n):
    crf = capital_recovery_factor(r, n)
    assert crf >= 1 / n - 1e-12
    assert crf > r


@given(rates)
def test_crf_one_year_repays_with_interest(r):
    assert capital_recovery_factor(r, 1) == pytest.approx(1 + r)


@given(st.floats(min_value=0.01, max_value=0.5))
def test_crf_long_life_tends_to_rate(r):
    assert capital_recovery_factor(r, 2000) == pytest.approx(r, rel=1e-3, abs=1e-9)


@given(rates, st.integers(min_value=1, max_value=79))
def test_crf_falls_with_lifetime(r, n):
    assert capital_recovery_factor(r, n + 1) < capital_recovery_factor(r, n)


def test_macc_worked_example():
    bars = macc([("Solceller", 800.0, 30.0), ("LED", -400.0, 10.0), ("Elbilar", 1200.0, 45.0)])
    assert [b.name for b in bars] == ["LED", "Solceller", "Elbilar"]
    assert [(b.x_start, b.x_end) for b in bars] == [(0, 10), (10, 40), (40, 85)]
    assert bars[0].annual_cost_sek == -4000


items = st.lists(
    st.tuples(
        st.text(min_size=1, max_size=8),
        st.floats(min_value=-1e5, max_value=1e5),
        st.floats(min_value=0, max_value=1e4),
    ),
    max_size=30,
)


@given(items)
def test_macc_sorted_contiguous_and_complete(rows):
    bars = macc(rows)
    costs = [b.cost_sek_per_t for b in bars]
    assert costs == sorted(costs)
    x = 0.0
    for bar in bars:
        assert bar.x_start == x
        assert bar.x_end == pytest.approx(bar.x_start + bar.width_t_per_year)
        x = bar.x_end
    assert x == pytest.approx(math.fsum(w for _, _, w in rows), abs=1e-6)
    assert sorted(b.name for b in bars) == sorted(n for n, _, _ in rows)


def test_crf_tiny_rate_does_not_divide_by_zero():
    # Found by hypothesis: 1 + 1e-144 rounds to 1, which broke the textbook formula.
    assert capital_recovery_factor(1e-144, 7) == pytest.approx(1 / 7)
