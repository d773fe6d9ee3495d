import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc.measures import (
    Estimate,
    Measure,
    activity_reduction_t,
    cost_by_year,
    effect_profile,
    present_value_cost,
    reduction_by_year,
)


def measure(**kw):
    base = {
        "name": "Elbussar",
        "sector": "Transporter",
        "start_year": 2026,
        "lifetime_years": 3,
        "capex_sek": Estimate.exact(300_000),
        "opex_change_sek_per_year": Estimate.exact(-40_000),
        "reduction_t_per_year": Estimate.of(60, 40, 70),
        "ramp_up_years": 2,
    }
    base.update(kw)
    return Measure(**base)


def test_ramp_up_and_lifetime_by_hand():
    years = range(2025, 2031)
    # start 2026, ramp 2 → 50 %, 100 %; lifetime 3 → active 2026–2028
    assert list(reduction_by_year(measure(), years)) == [0, 30, 60, 60, 0, 0]
    assert list(reduction_by_year(measure(), years, "low")) == [0, 20, 40, 40, 0, 0]


def test_cost_by_year_capex_in_start_year_and_ramped_opex():
    years = [2025, 2026, 2027, 2028, 2029]
    assert list(cost_by_year(measure(), years)) == [0, 300_000 - 20_000, -40_000, -40_000, 0]


def test_present_value_by_hand():
    # 2026: 280 000; 2027: −40 000 / 1.1; 2028: −40 000 / 1.21, discounted to 2026
    expected = 280_000 - 40_000 / 1.1 - 40_000 / 1.21
    assert present_value_cost(measure(), 0.1, 2026) == pytest.approx(expected)


def test_abatement_cost_of_measure_uses_central_values():
    m = measure(ramp_up_years=0)
    # CRF(0, 3) = 1/3: (100 000 − 40 000) / 60 = 1 000 SEK/t
    assert m.abatement_cost_per_t(0.0) == pytest.approx(1000)


def test_activity_reduction_vehicles_by_hand():
    # 20 cars × 15 000 km × (0.17 − 0.02) kg/km = 45 000 kg = 45 t
    assert activity_reduction_t(20, 15_000, 0.17, 0.02) == pytest.approx(45)


def test_estimate_order_enforced():
    with pytest.raises(ValueError, match="low <= central <= high"):
        Estimate(5, 3, 10)


def test_negative_reduction_rejected():
    with pytest.raises(ValueError, match="negative"):
        measure(reduction_t_per_year=Estimate(-1, 0, 1))


@given(
    st.integers(2000, 2050),
    st.integers(0, 10),
    st.integers(1, 40),
)
def test_profile_bounded_monotone_ramp_and_lifetime(start, ramp, life):
    years = np.arange(1990, 2100)
    p = effect_profile(start, ramp, life, years)
    assert np.all((p >= 0) & (p <= 1))
    assert np.count_nonzero(p) == life
    active = p[p > 0]
    assert np.all(np.diff(active) >= 0)
    if life >= max(ramp, 1):
        assert active.max() == 1.0


def test_period_cost_spreads_capex_as_annuity_by_hand():
    from klimatkontrakt.calc.measures import period_cost

    # r = 0: annuity 300 000 / 3 = 100 000 a year; opex ramps −20 000 then −40 000.
    assert period_cost(measure(), 0.0, 2026, [2026, 2027]) == pytest.approx(140_000)
    # Outside the measure's life nothing is charged.
    assert period_cost(measure(), 0.05, 2020, [2020, 2021]) == 0


@given(st.floats(0.0, 0.2), st.integers(0, 4), st.integers(1, 30))
def test_period_cost_over_whole_life_equals_lifetime_cost(rate, ramp, life):
    from klimatkontrakt.calc.measures import period_cost

    m = measure(lifetime_years=life, ramp_up_years=ramp, start_year=2027)
    whole_life = list(range(2027, 2027 + life))
    assert period_cost(m, rate, 2025, whole_life) == pytest.approx(
        present_value_cost(m, rate, 2025), rel=1e-9, abs=1e-6
    )
