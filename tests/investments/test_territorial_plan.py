"""A territorial plan takes its BAU per SMHI sector and its budget path from the emissions app."""

import pytest

from klimatkontrakt.emissions import demo as emission_demo
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.models import InvestmentPlan, Measure
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities


@pytest.fixture
def karlstad_with_emissions(db):
    import_municipalities(BUNDLED_CODE_LIST)
    emission_demo.load_demo_emissions()
    return Municipality.objects.get(code="1780")


def territorial(muni, **kw):
    fields = {
        "municipality": muni,
        "name": "Geografisk plan",
        "scope": InvestmentPlan.Scope.GEOGRAPHY,
        "base_year": 2023,
        "end_year": 2030,
        "emissions_gas": "CO2",
        "is_published": True,
    }
    fields.update(kw)
    return InvestmentPlan.objects.create(**fields)


def test_bau_per_smhi_sector_recorded_then_trend(karlstad_with_emissions):
    import numpy as np

    plan = territorial(karlstad_with_emissions, base_year=2021)
    release = emissions.current_release("CO2")
    history = emissions.sector_history(release, karlstad_with_emissions)
    bau = selectors.bau_by_sector(plan)
    assert set(bau) == set(history.sectors)
    last = history.years[-1]
    assert 2021 <= last < 2030
    for i, sector in enumerate(history.sectors):
        for k, year in enumerate(plan.years):
            if year <= last:
                assert bau[sector][k] == pytest.approx(history.values[i, history.years.index(year)])
            else:
                # Independent check: least-squares line over 2015..last, floored at zero.
                xs = [y for y in history.years if 2015 <= y <= last]
                ys = [history.values[i, history.years.index(y)] for y in xs]
                slope, intercept = np.polyfit(xs, ys, 1)
                assert bau[sector][k] == pytest.approx(max(0.0, slope * year + intercept), abs=1e-6)


def test_budget_path_from_method_and_probability(karlstad_with_emissions):
    plan = territorial(karlstad_with_emissions, budget_method="cemus-2023")
    Measure.objects.create(
        plan=plan,
        name="Elbussar i stadstrafiken",
        sector="Transporter",
        start_year=2026,
        lifetime_years=12,
        capex_sek=50_000_000,
        opex_change_sek_per_year=-1_000_000,
        reduction_t_per_year=5_000,
        reduction_low_t_per_year=3_000,
        reduction_high_t_per_year=6_000,
    )
    s = selectors.plan_summary(plan, runs=300)
    budget = emissions.municipality_budget(karlstad_with_emissions, method="cemus-2023", gas="CO2")
    path = {int(y): t for y, t in budget["paris_path"].items()}
    # Years from the budget's start carry the method's path; earlier years count at BAU.
    for i, year in enumerate(s.years):
        if year in path:
            assert s.pathway.budget_path_t[i] == pytest.approx(path[year])
        elif year < budget["budget_start_year"]:
            assert s.pathway.budget_path_t[i] == pytest.approx(s.pathway.bau_t[i])
    assert s.pathway.budget_total_t == pytest.approx(sum(s.pathway.budget_path_t))
    assert s.probability_within_budget is not None
    assert s.pathway.gap_by_sector_t() is not None
    assert "SMHI CO2" in s.baseline_source and "cemus-2023" in s.budget_source
    assert s.unmatched_measures == []


def test_missing_release_is_a_reason_not_an_error(karlstad):
    plan = territorial(karlstad, emissions_gas="GGT")
    data = selectors.summary_json(selectors.plan_summary(plan))
    assert data["pathway"] is None
    assert "SMHI" in data["reasons"]["pathway"]
    assert data["probability_within_budget"] is None
    assert data["probability_within_budget_reason"]
