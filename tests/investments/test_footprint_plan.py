"""Organisational plans that take BAU per purchase category from the footprint app."""

import io
import json

import pytest
from django.core.management import call_command

from klimatkontrakt.footprint import selectors as footprint
from klimatkontrakt.footprint.demo import load_demo_footprint
from klimatkontrakt.footprint.models import Ledger
from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.demo import load_demo_investments
from klimatkontrakt.investments.inputs import plan_inputs
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.organisations.models import Department

TFF = "Teknik- och fastighetsförvaltningen"


@pytest.fixture(autouse=True)
def ledger_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.LEDGER_DIR = tmp_path / "ledgers"
    footprint._CACHE.clear()
    return settings.LEDGER_DIR


@pytest.fixture
def ledger(karlstad) -> Ledger:
    return load_demo_footprint(lines=3_000)


def plan(karlstad, name, *, department=None, base_year=2022) -> InvestmentPlan:
    p = InvestmentPlan(
        municipality=karlstad,
        name=name,
        scope=InvestmentPlan.Scope.DEPARTMENT if department else InvestmentPlan.Scope.GROUP,
        department=department,
        base_year=base_year,
        end_year=2030,
        baseline_from_footprint=True,
        budget_total_t=100_000,
    )
    p.full_clean()
    p.save()
    return p


def show(name: str) -> dict:
    out = io.StringIO()
    call_command(
        "investments",
        "show",
        "--municipality",
        "1780",
        "--plan",
        name,
        "--format",
        "json",
        "--runs",
        "50",
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_group_plan_bau_reconciles_with_the_footprint(karlstad, ledger):
    group = plan(karlstad, "Koncernen")
    result = footprint.footprint(ledger)
    inputs = plan_inputs(group)
    years = list(group.years)
    for year in (2022, 2023, 2024):
        k = years.index(year)
        total = sum(row[k] for row in inputs.bau.values())
        assert total == pytest.approx(result["by_year"][str(year)]["t"], rel=1e-6)
    for category, entry in result["by_category"].items():
        # A category whose spend is all replaced by activity data has no tonnes of its own.
        row = inputs.bau.get(category, [0.0] * len(years))
        recorded = sum(row[years.index(y)] for y in (2022, 2023, 2024))
        assert recorded == pytest.approx(entry["t"], rel=1e-6, abs=1e-5)
    assert set(inputs.bau) <= set(result["by_category"])
    assert ledger.name in inputs.baseline_source
    assert "exempel_leverantorsreskontra_2022.csv" in inputs.baseline_source
    assert "factor set" in inputs.baseline_source
    # Through the command: the pathway's first year is the recorded total (no measure yet).
    data = show("Koncernen")
    assert data["pathway"]["2022"] == pytest.approx(result["by_year"]["2022"]["t"], rel=1e-6)
    assert data["probability_within_budget"] is not None


def test_future_years_follow_the_ols_trend_of_the_recorded_years(karlstad, ledger):
    import numpy as np

    group = plan(karlstad, "Koncernen")
    inputs = plan_inputs(group)
    years = list(group.years)
    for category, row in inputs.bau.items():
        recorded = np.array(row[:3])
        slope, intercept = np.polyfit([2022, 2023, 2024], recorded, 1)
        for k, year in enumerate(years[3:], start=3):
            assert row[k] == pytest.approx(max(0.0, slope * year + intercept), abs=1e-6), category


def test_department_plan_sees_only_its_department(karlstad, ledger, department_factory):
    tff, _ = Department.objects.get_or_create(
        municipality=karlstad, name=TFF, defaults={"kind": Department.Kind.ADMINISTRATION}
    )
    other = department_factory(municipality=karlstad, name="Räddningstjänsten")
    cells = footprint.tonnes_by_cell(ledger)
    for department, name in ((tff, "Bara TFF"), (other, "Bara RTJ")):
        p = plan(karlstad, name, department=department)
        inputs = plan_inputs(p)
        expected = sum(c["t"] for c in cells if c["department"] == department.name)
        assert expected > 0
        got = sum(row[0] for row in inputs.bau.values())  # 2022, recorded
        expected_2022 = sum(
            c["t"] for c in cells if c["department"] == department.name and c["year"] == 2022
        )
        assert got == pytest.approx(expected_2022, rel=1e-6)
        assert f"department {department.name}" in inputs.baseline_source
        assert show(name)["pathway"]["2022"] == pytest.approx(expected_2022, rel=1e-6)
    group_2022 = footprint.footprint(ledger)["by_year"]["2022"]["t"]
    assert expected_2022 < group_2022


def test_no_ledger_gives_null_with_a_reason(karlstad):
    plan(karlstad, "Utan reskontra")
    data = show("Utan reskontra")
    assert data["pathway"] is None and data["within_budget"] is None
    assert data["probability_within_budget"] is None
    assert "purchase ledger" in data["probability_within_budget_reason"]


def test_unpublished_ledger_is_not_used(karlstad, ledger):
    ledger.published = False
    ledger.save()
    p = plan(karlstad, "Opublicerad")
    inputs = plan_inputs(p)
    assert inputs.bau == {} and "published purchase ledger" in inputs.reasons["pathway"]


def test_footprint_and_smhi_baseline_exclude_each_other(karlstad):
    from django.core.exceptions import ValidationError

    p = InvestmentPlan(
        municipality=karlstad,
        name="Båda",
        scope=InvestmentPlan.Scope.GROUP,
        base_year=2025,
        emissions_gas="CO2",
        baseline_from_footprint=True,
    )
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "baseline_from_footprint" in exc.value.message_dict
    p.emissions_gas = ""
    p.full_clean()


def test_demo_pilot_plan_uses_the_footprint_when_loaded(karlstad, ledger):
    pilot = load_demo_investments()
    assert pilot.baseline_from_footprint
    s = selectors.plan_summary(pilot, runs=50)
    assert s.pathway is not None
    inputs = plan_inputs(pilot)
    assert "Purchase footprint" in inputs.baseline_source
    # Every demo measure names a category the TFF footprint has, so all act on the pathway.
    assert {m.sector for m in pilot.measures.all()} <= set(inputs.bau)
    assert all(r.in_pathway for r in s.measures)


def test_demo_pilot_plan_without_footprint_keeps_its_entered_baseline(karlstad):
    pilot = load_demo_investments()
    assert not pilot.baseline_from_footprint
    inputs = plan_inputs(pilot)
    assert set(inputs.bau) == {b.sector for b in pilot.baseline.all()}
    assert {m.sector for m in pilot.measures.all()} <= set(inputs.bau)


def test_one_recorded_year_is_held_level(karlstad, editor, tmp_path):
    from klimatkontrakt.footprint.example import generate_ledger
    from klimatkontrakt.footprint.services import import_ledger

    path = generate_ledger(tmp_path / "lev_2024.csv", 2_000, year=2024, seed=7)
    ledger = import_ledger(editor, karlstad, [("lev_2024.csv", path)]).ledger
    ledger.published = True
    ledger.save()
    p = plan(karlstad, "Ett år", base_year=2024)
    inputs = plan_inputs(p)
    assert inputs.bau
    for row in inputs.bau.values():
        assert row == pytest.approx([row[0]] * len(row))
    assert sum(r[0] for r in inputs.bau.values()) == pytest.approx(
        footprint.footprint(ledger)["by_year"]["2024"]["t"], rel=1e-6
    )
    assert "held level" in inputs.baseline_source
