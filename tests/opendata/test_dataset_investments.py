"""The open dataset of investment measures: published plans only, the public page's figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from klimatkontrakt.investments import selectors, tables
from klimatkontrakt.investments.models import Funding, FundingSource, InvestmentPlan, Measure
from klimatkontrakt.opendata.datasets.investments import DATASET
from tests.opendata.field_checks import check_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(karlstad, investment_plan_factory, measure_factory, department_factory):
    plan = investment_plan_factory(
        municipality=karlstad, name="Publicerad plan", is_published=True, is_example=True
    )
    tff = department_factory(municipality=karlstad, name="Tekniska förvaltningen")
    bus = measure_factory(plan=plan, name="Elbussar", department=tff, status="decided")
    measure_factory(plan=plan, name="Solceller", reduction_t_per_year=Decimal("0"))
    measure_factory(plan=plan, name="Inställd åtgärd", status=Measure.Status.CANCELLED)
    own = FundingSource.objects.create(municipality=karlstad, kind="climate_fund", name="Fonden")
    grant = FundingSource.objects.create(municipality=karlstad, kind="klimatklivet", name="KK")
    Funding.objects.create(measure=bus, source=own, amount_sek=300000, year=2026, state="paid")
    Funding.objects.create(measure=bus, source=grant, amount_sek=200000, year=2026, state="applied")
    Funding.objects.create(measure=bus, source=grant, amount_sek=50000, year=2027, state="applied")
    return plan


@pytest.fixture
def hidden(karlstad, other_municipality, investment_plan_factory, measure_factory):
    """A draft, a plan shared with the programme but not published, one a draft report may
    use, another city's draft."""
    draft = investment_plan_factory(municipality=karlstad, name="Utkast")
    measure_factory(plan=draft, name="HEMLIG-UTKAST-ATGARD")
    shared = investment_plan_factory(
        municipality=karlstad, name="Delad", shared_with_programme=True
    )
    measure_factory(plan=shared, name="HEMLIG-DELAD-ATGARD")
    report = investment_plan_factory(municipality=karlstad, name="Rapport", include_in_report=True)
    measure_factory(plan=report, name="HEMLIG-RAPPORT-ATGARD")
    other = investment_plan_factory(municipality=other_municipality, name="Annan")
    measure_factory(plan=other, name="HEMLIG-ANNAN-ATGARD")


def test_published_measures_come_out_and_nothing_else(karlstad, published, hidden):
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=("HEMLIG",))
    assert [r["measure"] for r in rows] == ["Elbussar", "Solceller"]
    assert {r["plan_name"] for r in rows} == {"Publicerad plan"}
    assert all(r["municipality_code"] == "1780" and r["example_data"] for r in rows)


def test_figures_are_the_public_pages(karlstad, published):
    rows = {r["measure"]: r for r in DATASET.rows(karlstad)}
    summary = selectors.plan_summary(published, runs=200)
    page = {r["name"]: r for r in tables.measures_table(summary).rows}
    for name, row in rows.items():
        cost = row["abatement_cost_sek_per_t"]
        expected = page[name]["abatement_cost_sek_per_t"]
        assert (cost is None) == (expected is None)
        assert cost is None or float(cost) == pytest.approx(expected, abs=0.01)
        assert float(row["reduction_t_per_year"]) == pytest.approx(
            page[name]["reduction_t_per_year"]
        )
        assert float(row["capex_sek"]) == page[name]["capex_sek"]
    bus = rows["Elbussar"]
    assert bus["abatement_cost_sek_per_t"] is not None
    assert rows["Solceller"]["abatement_cost_sek_per_t"] is None  # no reduction, no cost per t
    assert bus["department"] == "Tekniska förvaltningen"
    assert (bus["status"], bus["status_label_sv"]) == ("decided", "Beslutad")
    assert bus["funding_total_sek"] == Decimal("550000.0")
    assert bus["funding_paid_sek"] == Decimal("300000.0")
    assert bus["funding_applied_sek"] == Decimal("250000.0")
    assert bus["funding_planned_sek"] == bus["funding_granted_sek"] == 0
    assert bus["funding_external_sek"] == Decimal("250000.0")
    assert bus["funding_sources"] == "Fonden; KK"
    assert rows["Solceller"]["funding_sources"] is None
    # The funding page's sums by state are the same figures.
    assert summary.funding.by_state == {"paid": 300000.0, "applied": 250000.0}


def test_every_municipality_and_one(karlstad, other_municipality, published, measure_factory,
                                    investment_plan_factory):  # fmt: skip
    plan = investment_plan_factory(municipality=other_municipality, is_published=True)
    measure_factory(plan=plan, name="Stockholms åtgärd")
    everything = list(DATASET.rows(None))
    check_rows(DATASET, everything)
    assert [r["municipality_code"] for r in everything] == ["0180", "1780", "1780"]
    assert [r["measure"] for r in DATASET.rows(other_municipality)] == ["Stockholms åtgärd"]


def test_phase_says_pilot_and_scale_up(karlstad, investment_plan_factory, measure_factory,
                                       department_factory):  # fmt: skip
    dep = department_factory(municipality=karlstad, name="Förvaltningen")
    pilot = investment_plan_factory(
        municipality=karlstad, name="Pilot", scope=InvestmentPlan.Scope.DEPARTMENT,
        department=dep, is_published=True,
    )  # fmt: skip
    wide = investment_plan_factory(
        municipality=karlstad, name="Koncernen", scaled_up_from=pilot, is_published=True
    )
    measure_factory(plan=pilot)
    measure_factory(plan=wide)
    phases = {r["plan_name"]: (r["phase"], r["phase_label_sv"]) for r in DATASET.rows(karlstad)}
    assert phases == {"Pilot": ("pilot", "Pilot"), "Koncernen": ("scale_up", "Uppskalning")}
    assert selectors.visible_plans(AnonymousUser(), karlstad).count() == 2
