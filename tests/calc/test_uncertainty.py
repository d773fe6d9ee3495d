import numpy as np
import pytest
from hypothesis import given, settings

from klimatkontrakt.calc.measures import Estimate, Measure
from klimatkontrakt.calc.pathway import build_pathway
from klimatkontrakt.calc.uncertainty import sample_estimates, simulate
from tests.calc.plan_strategies import YEARS, bau_maps, measure_lists


def measure(reduction: Estimate, name="Värmepumpar"):
    return Measure(
        name=name,
        sector="Energi",
        start_year=2025,
        lifetime_years=20,
        capex_sek=Estimate.exact(0),
        opex_change_sek_per_year=Estimate.exact(0),
        reduction_t_per_year=reduction,
    )


def test_pert_mean_matches_formula():
    rng = np.random.default_rng(1)
    draws = sample_estimates([Estimate(10, 20, 60)], 200_000, rng)[:, 0]
    assert draws.mean() == pytest.approx((10 + 4 * 20 + 60) / 6, rel=0.01)
    assert draws.min() >= 10 and draws.max() <= 60


def test_triangular_mean_matches_formula():
    rng = np.random.default_rng(1)
    draws = sample_estimates([Estimate(10, 20, 60)], 200_000, rng, "triangular")[:, 0]
    assert draws.mean() == pytest.approx(30, rel=0.01)


def test_unknown_distribution_rejected():
    with pytest.raises(ValueError, match="pert"):
        sample_estimates([Estimate(1, 2, 3)], 10, np.random.default_rng(0), "normal")


def test_probability_worked_example():
    # BAU 100 t a year for 2 years, budget 150 t: within budget iff reduction r >= 25 t/yr.
    # Triangular(0, 25, 50) is symmetric around 25, so P(r >= 25) = 0.5.
    result = simulate(
        [2025, 2026],
        {"Energi": [100, 100]},
        [measure(Estimate(0, 25, 50))],
        budget_total_t=150,
        runs=40_000,
        distribution="triangular",
    )
    assert result.probability_within_budget == pytest.approx(0.5, abs=0.015)
    assert result.p10_t[0] < result.p50_t[0] < result.p90_t[0]
    assert result.p50_t[0] == pytest.approx(75, abs=1)


def test_same_seed_same_answer():
    args = ([2025, 2026], {"Energi": [100, 100]}, [measure(Estimate(0, 25, 50))])
    a = simulate(*args, budget_total_t=150, runs=500, seed=7)
    b = simulate(*args, budget_total_t=150, runs=500, seed=7)
    assert a.probability_within_budget == b.probability_within_budget
    assert np.array_equal(a.p50_t, b.p50_t)


def test_no_budget_gives_no_probability():
    r = simulate([2025], {"Energi": [10]}, [], budget_total_t=None, runs=10)
    assert r.probability_within_budget is None


def test_bau_range_widens_band():
    args = ([2025], {"Energi": [100]}, [measure(Estimate.exact(10))])
    narrow = simulate(*args, budget_total_t=None, runs=2000)
    wide = simulate(*args, budget_total_t=None, runs=2000, bau_range=Estimate(0.9, 1.0, 1.2))
    assert narrow.p90_t[0] - narrow.p10_t[0] == pytest.approx(0)
    assert wide.p90_t[0] - wide.p10_t[0] > 5


@settings(max_examples=40, deadline=None)
@given(measure_lists(), bau_maps())
def test_band_ordered_non_negative_probability_in_unit_interval(measures, bau):
    r = simulate(YEARS, bau, measures, budget_total_t=1500.0, runs=200)
    assert np.all(r.p10_t >= -1e-9)
    assert np.all(r.p10_t <= r.p50_t + 1e-9) and np.all(r.p50_t <= r.p90_t + 1e-9)
    assert 0.0 <= r.probability_within_budget <= 1.0


@settings(max_examples=40, deadline=None)
@given(measure_lists(), bau_maps())
def test_exact_ranges_collapse_to_the_pathway(measures, bau):
    exact = [
        Measure(
            **{**x.__dict__, "reduction_t_per_year": Estimate.exact(x.reduction_t_per_year.central)}
        )
        for x in measures
    ]
    p = build_pathway(YEARS, bau, exact, budget_total_t=1500.0)
    r = simulate(YEARS, bau, exact, budget_total_t=1500.0, runs=20)
    assert np.allclose(r.p50_t, p.emissions_t)
    assert r.probability_within_budget == (1.0 if p.within_budget else 0.0)


@settings(max_examples=40, deadline=None)
@given(measure_lists(min_size=1))
def test_cost_factors_reproduce_period_cost(measures):
    from klimatkontrakt.calc.measures import period_cost, period_cost_factors

    a, b = period_cost_factors(measures, 0.04, 2025, YEARS)
    for i, m in enumerate(measures):
        expected = period_cost(m, 0.04, 2025, YEARS)
        got = a[i] * m.capex_sek.central + b[i] * m.opex_change_sek_per_year.central
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_cost_band_exact_costs_collapse_and_ranges_spread():
    from klimatkontrakt.calc.uncertainty import simulate_costs

    exact = Measure(
        name="Sol",
        sector="Energi",
        start_year=2025,
        lifetime_years=2,
        capex_sek=Estimate.exact(2000),
        opex_change_sek_per_year=Estimate.exact(-100),
        reduction_t_per_year=Estimate.exact(1),
    )
    # r = 0: annuity 1 000 a year for two years, opex −100 a year: 1 800 SEK.
    band = simulate_costs([2025, 2026], [exact], rate=0.0, base_year=2025, runs=50)
    assert band.p10_sek == band.p50_sek == band.p90_sek == pytest.approx(1800)
    ranged = Measure(**{**exact.__dict__, "capex_sek": Estimate(1000, 2000, 4000)})
    band = simulate_costs([2025, 2026], [ranged], rate=0.0, base_year=2025, runs=5000)
    assert 800 < band.p10_sek < band.p50_sek < band.p90_sek < 3800
