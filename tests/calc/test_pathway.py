import numpy as np
import pytest
from hypothesis import given

from klimatkontrakt.calc.measures import Estimate, Measure
from klimatkontrakt.calc.pathway import Goal, build_pathway
from tests.calc.plan_strategies import YEARS, bau_maps, measure_lists


def m(name, sector, start, reduction, ramp=0, category="fordon", life=10):
    return Measure(
        name=name,
        sector=sector,
        category=category,
        start_year=start,
        ramp_up_years=ramp,
        lifetime_years=life,
        capex_sek=Estimate.exact(0),
        opex_change_sek_per_year=Estimate.exact(0),
        reduction_t_per_year=Estimate.exact(reduction),
    )


def worked():
    bau = {"Transporter": [100, 100, 100], "Energi": [50, 50, 50]}
    measures = [
        m("Elbilar", "Transporter", 2026, 40, ramp=2),  # 0, 20, 40
        m("Biogasbussar", "Transporter", 2025, 80),  # 80, 80, 80
    ]
    return build_pathway([2025, 2026, 2027], bau, measures, budget_total_t=150, goal=Goal(2027, 50))


def test_worked_example_caps_sector_and_reports_capped_amount():
    p = worked()
    # Transport claims 80, 100, 120 against 100 a year: 20 t capped in 2027.
    assert list(p.emissions_by_sector_t["Transporter"]) == [20, 0, 0]
    assert list(p.capped_by_sector_t["Transporter"]) == [0, 0, 20]
    assert list(p.emissions_t) == [70, 50, 50]
    assert list(p.cumulative_t) == [70, 120, 170]
    # Pro rata in 2027: 40 × 100/120 and 80 × 100/120
    assert p.reduction_by_measure_t["Elbilar"][2] == pytest.approx(100 / 3)
    assert p.reduction_by_measure_t["Biogasbussar"][2] == pytest.approx(200 / 3)
    assert p.within_budget is False
    assert p.budget_margin_t == -20
    assert p.goal_met is True


def test_worked_example_flags_overlap_in_same_sector_and_category():
    (flag,) = worked().overlaps
    assert flag.sector == "Transporter" and flag.category == "fordon"
    assert set(flag.measures) == {"Elbilar", "Biogasbussar"}
    assert flag.years == (2026, 2027)


def test_gap_by_year_and_sector():
    p = build_pathway(
        [2025, 2026],
        {"Transporter": [60, 60], "Energi": [40, 40]},
        [m("Cykel", "Transporter", 2026, 30)],
        budget_path=[80, 80],
    )
    assert list(p.gap_t()) == [20, 0]
    by_sector = p.gap_by_sector_t()
    assert by_sector["Transporter"][0] == pytest.approx(12)  # 20 × 60/100
    assert by_sector["Energi"][0] == pytest.approx(8)
    assert p.budget_total_t == 160


def test_unknown_sector_is_an_error():
    with pytest.raises(ValueError, match="Jordbruk"):
        build_pathway([2025], {"Energi": [1]}, [m("Ko", "Jordbruk", 2025, 1)])


def test_duplicate_measure_names_rejected():
    with pytest.raises(ValueError, match="unique"):
        build_pathway(
            [2025], {"Energi": [10]}, [m("A", "Energi", 2025, 1), m("A", "Energi", 2025, 1)]
        )


@given(measure_lists(), bau_maps())
def test_pathway_never_negative_and_reductions_capped(measures, bau):
    p = build_pathway(YEARS, bau, measures)
    assert np.all(p.emissions_t >= -1e-9)
    for sector, series in p.emissions_by_sector_t.items():
        assert np.all(series >= -1e-9)
        in_sector = [x for x in measures if x.sector == sector]
        applied = sum((p.reduction_by_measure_t[x.name] for x in in_sector), np.zeros(len(YEARS)))
        assert np.all(applied <= np.asarray(bau[sector]) + 1e-6)
        assert np.all(p.capped_by_sector_t[sector] >= -1e-9)
    assert np.all(p.emissions_t <= p.bau_t + 1e-9)
    assert p.total_cumulative_t == pytest.approx(p.emissions_t.sum())


@given(measure_lists(), bau_maps())
def test_claimed_equals_applied_plus_capped(measures, bau):
    p = build_pathway(YEARS, bau, measures)
    from klimatkontrakt.calc.measures import reduction_by_year

    claimed = sum((reduction_by_year(x, YEARS) for x in measures), np.zeros(len(YEARS)))
    applied = p.bau_t - p.emissions_t
    capped = sum(p.capped_by_sector_t.values(), np.zeros(len(YEARS)))
    assert np.allclose(claimed, applied + capped, atol=1e-6)
