import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from klimatkontrakt.calc.measures import Estimate, Measure
from klimatkontrakt.calc.pathway import Goal, build_pathway
from klimatkontrakt.calc.portfolio import build_problem, solve
from tests.calc.plan_strategies import SECTORS, YEARS, measure_lists


def m(name, reduction, opex, capex=0.0, start=2025, life=2, sector="Energi"):
    return Measure(
        name=name,
        sector=sector,
        start_year=start,
        lifetime_years=life,
        capex_sek=Estimate.exact(capex),
        opex_change_sek_per_year=Estimate.exact(opex),
        reduction_t_per_year=Estimate.exact(reduction),
    )


def worked(**kw):
    # BAU 100 t a year in 2025–2026, budget 150 t: 50 t must go.
    # A: 30 t/yr for 2 000 SEK (33.33 SEK/t); B: 20 t/yr for 400 SEK (10 SEK/t).
    measures = [m("A", 30, 1000), m("B", 20, 200)]
    args = {"discount_rate": 0.0, "base_year": 2025, "budget_total_t": 150.0}
    args.update(kw)
    return build_problem([2025, 2026], {"Energi": [100, 100]}, measures, **args)


def test_worked_example_optimum_and_shadow_price():
    r = solve(worked())
    assert r.optimal
    # All of B (40 t, 400 SEK), then 10 of A's 60 t: 2 000 / 6.
    assert r.scales["B"] == pytest.approx(1)
    assert r.scales["A"] == pytest.approx(1 / 6)
    assert r.total_cost_sek == pytest.approx(400 + 2000 / 6)
    assert r.cumulative_t == pytest.approx(150)
    assert r.shadow_price_dual_sek_per_t == pytest.approx(2000 / 60)
    assert r.shadow_price_resolve_sek_per_t == pytest.approx(2000 / 60)
    assert r.shadow_price_consistent


def test_capital_limit_binds():
    measures = [m("Dyr", 30, 0, capex=1000), m("Billig", 30, 0, capex=100)]
    p = build_problem(
        [2025, 2026],
        {"Energi": [100, 100]},
        measures,
        discount_rate=0.0,
        base_year=2025,
        budget_total_t=170.0,
        capital_limits_sek={2025: 100.0},
    )
    # Needs 30 t over two years = half of one measure; only 100 SEK of capex in 2025.
    r = solve(p)
    assert r.scales["Billig"] == pytest.approx(0.5)
    assert p.violations([1, 1]) == ["capital started in 2025 within the limit"]


def test_infeasible_budget_reported():
    r = solve(worked(budget_total_t=10.0))
    assert r.status == "infeasible"
    assert r.total_cost_sek is None


def test_goal_mode():
    # 25 t must go in 2026: all of B (20 t for 400 SEK), then 5 of A's 30 t in that year.
    r = solve(worked(budget_total_t=None, goal=Goal(2026, 75)))
    assert r.optimal
    assert r.scales["B"] == pytest.approx(1)
    assert r.scales["A"] == pytest.approx(5 / 30)
    assert r.shadow_price_dual_sek_per_t == pytest.approx(2000 / 30)


def test_binary_measures():
    # Whole measures only: B alone (40 t) falls short, A alone (60 t, 2 000 SEK) suffices.
    r = solve(worked(integer=[True, True]))
    assert r.optimal
    assert r.scales == {"A": pytest.approx(1), "B": pytest.approx(0)}
    assert r.total_cost_sek == pytest.approx(2000)
    assert r.shadow_price_dual_sek_per_t is None  # no dual for an integer problem
    assert r.shadow_price_resolve_sek_per_t == pytest.approx(0)


def test_saving_measures_always_taken():
    measures = [m("Spar", 1, -500), m("Dyr", 50, 1000)]
    p = build_problem(
        [2025, 2026], {"Energi": [100, 100]}, measures, discount_rate=0.03, base_year=2025
    )
    r = solve(p)
    assert r.scales["Spar"] == pytest.approx(1) and r.scales["Dyr"] == pytest.approx(0)


def test_optimum_pathway_agrees_with_build_pathway():
    problem = worked()
    r = solve(problem)
    scales = [r.scales[n] for n in problem.names]
    measures = [m("A", 30, 1000), m("B", 20, 200)]
    p = build_pathway([2025, 2026], {"Energi": [100, 100]}, measures, scales=scales)
    assert p.total_cumulative_t == pytest.approx(r.cumulative_t)


@st.composite
def feasible_cases(draw):
    measures = draw(measure_lists(min_size=1))
    bau = {s: [1000.0] * len(YEARS) for s in SECTORS}
    chosen = [draw(st.floats(0, 1)) for _ in measures]
    slack = draw(st.floats(0, 50))
    return measures, bau, chosen, slack


@settings(max_examples=60, deadline=None)
@given(feasible_cases())
def test_optimum_no_dearer_than_any_feasible_plan(case):
    measures, bau, chosen, slack = case
    probe = build_problem(YEARS, bau, measures, discount_rate=0.04, base_year=2025)
    budget = probe.cumulative_t(chosen) + slack
    problem = build_problem(
        YEARS, bau, measures, discount_rate=0.04, base_year=2025, budget_total_t=budget
    )
    assume(not problem.violations(chosen))
    r = solve(problem)
    assert r.optimal
    assert r.total_cost_sek <= problem.cost_sek(chosen) + 1e-6 * (1 + abs(problem.cost_sek(chosen)))
    assert not problem.violations([r.scales[n] for n in problem.names])


@settings(max_examples=60, deadline=None)
@given(feasible_cases())
def test_shadow_price_between_neighbouring_resolves(case):
    measures, bau, chosen, slack = case
    probe = build_problem(YEARS, bau, measures, discount_rate=0.04, base_year=2025)
    budget = probe.cumulative_t(chosen) + slack
    problem = build_problem(
        YEARS, bau, measures, discount_rate=0.04, base_year=2025, budget_total_t=budget
    )
    here, tighter, looser = (
        solve(problem),
        solve(problem.tightened(1.0)),
        solve(problem.tightened(-1.0)),
    )
    assume(here.optimal and tighter.optimal and looser.optimal)
    # The optimal cost is convex in the budget, so its dual slope lies between the two
    # one-tonne differences; where the cost is linear across both, all three agree.
    tol = 1e-5 * (1 + abs(here.total_cost_sek))
    assert here.total_cost_sek - looser.total_cost_sek <= here.shadow_price_dual_sek_per_t + tol
    assert here.shadow_price_dual_sek_per_t <= tighter.total_cost_sek - here.total_cost_sek + tol
    assert here.shadow_price_resolve_sek_per_t == pytest.approx(
        tighter.total_cost_sek - here.total_cost_sek, rel=1e-6, abs=1e-6
    )
    assert np.isfinite(here.shadow_price_dual_sek_per_t)


def test_cost_basis_period_charges_only_years_inside():
    measures = [m("Lång", 30, 0, capex=3000, life=30)]
    args = ([2025, 2026], {"Energi": [100, 100]}, measures)
    period = build_problem(*args, discount_rate=0.0, base_year=2025)
    lifetime = build_problem(*args, discount_rate=0.0, base_year=2025, cost_basis="lifetime")
    assert period.costs_sek[0] == pytest.approx(200)  # 3 000 / 30 a year, two years
    assert lifetime.costs_sek[0] == pytest.approx(3000)
    with pytest.raises(ValueError, match="cost_basis"):
        build_problem(*args, discount_rate=0.0, base_year=2025, cost_basis="npv")
