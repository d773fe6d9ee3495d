import pytest

from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.demo import load_demo_investments
from klimatkontrakt.investments.models import Funding, FundingSource, Measure


def test_demo_pilot_plan_for_tff_with_climate_fund(demo_plan):
    assert demo_plan.is_example and demo_plan.is_published
    assert demo_plan.department.name == "Teknik- och fastighetsförvaltningen"
    assert 9 <= demo_plan.measures.count() <= 12
    fund = FundingSource.objects.get(municipality=demo_plan.municipality, kind="climate_fund")
    assert fund.total_sek == 110_000_000
    assert (fund.first_year, fund.last_year) == (2022, 2025)
    assert Funding.objects.filter(source=fund).exists()


def test_demo_is_idempotent(demo_plan):
    counts = (Measure.objects.count(), Funding.objects.count(), FundingSource.objects.count())
    again = load_demo_investments()
    assert again.pk == demo_plan.pk
    assert (
        Measure.objects.count(),
        Funding.objects.count(),
        FundingSource.objects.count(),
    ) == counts


def test_demo_needs_karlstad(db):
    with pytest.raises(LookupError, match="1780"):
        load_demo_investments()


def test_activity_derived_reduction_in_demo(demo_plan):
    cars = demo_plan.measures.get(name="Elbilar i kommunens fordonsflotta")
    # 60 cars × 12 000 km × (0.15 − 0.02) kg/km = 93.6 t a year
    assert float(cars.reduction_t_per_year) == pytest.approx(93.6)
    assert selectors.to_calc(cars).reduction_t_per_year.central == pytest.approx(93.6)


def test_demo_summary_flags_overlap_and_has_probability(demo_plan):
    s = selectors.plan_summary(demo_plan, runs=500)
    assert s.pathway is not None and s.uncertainty is not None
    assert 0.0 <= s.probability_within_budget <= 1.0
    overlapping = {frozenset(o.measures) for o in s.pathway.overlaps}
    assert (
        frozenset(
            {"Klimatförbättrad betong i nybyggnation", "Trästomme i nya skolor och förskolor"}
        )
        in overlapping
    )
    assert s.optimum is not None and s.optimum.optimal
    # The optimum is never dearer than the chosen plan when the chosen plan is feasible.
    if not s.chosen_violations:
        assert s.optimum.total_cost_sek <= s.chosen_cost_sek + 1e-6
    assert s.funding.municipal_share is not None and 0 < s.funding.municipal_share <= 1


def test_whole_measures_optimum_is_binary_and_no_cheaper(demo_plan):
    continuous = selectors.plan_summary(demo_plan, runs=10).optimum
    demo_plan.whole_measures_only = True
    demo_plan.save()
    whole = selectors.plan_summary(demo_plan, runs=10).optimum
    assert whole.optimal
    assert all(v == pytest.approx(0) or v == pytest.approx(1) for v in whole.scales.values())
    assert whole.total_cost_sek >= continuous.total_cost_sek - 1e-6
    assert whole.shadow_price_dual_sek_per_t is None
    assert whole.shadow_price_resolve_sek_per_t is not None
