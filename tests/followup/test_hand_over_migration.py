"""The follow-up split moves model state only: rows written before it are read after it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from klimatkontrakt.goals.models import GoalPerson
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.investments.models import Measure
from klimatkontrakt.plans.models import Action
from klimatkontrakt.training.models import Training

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("followup", "0005_goal_teams_and_changes"),
    ("investments", "0005_plan_baseline_from_footprint"),
]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_rows_written_before_the_split_are_read_after_it():
    old = _migrate(BEFORE)
    try:
        county = old.get_model("organisations", "County").objects.create(code="17", name="Värmland")
        org = old.get_model("organisations", "Organisation").objects.create(
            kind="municipality", name="Karlstads kommun", slug="karlstad"
        )
        muni = old.get_model("organisations", "Municipality").objects.create(
            code="1780", name="Karlstad", county=county, organisation=org
        )
        indicator = old.get_model("followup", "Indicator").objects.create(
            municipality=muni, name="Utsläpp", unit="t", direction="down"
        )
        plan = old.get_model("followup", "ActionPlan").objects.create(
            municipality=muni, kind="project", title="Projektplan", owner_name="KLK"
        )
        status = old.get_model("followup", "ActionStatus").objects.create(
            municipality=muni, key="planned", name_sv="Planerad", name_en="Planned"
        )
        action = old.get_model("followup", "Action").objects.create(
            plan=plan, identifier="AP1.1", title="Klimatbudget", status=status
        )
        action.indicators.add(indicator)
        old.get_model("followup", "Training").objects.create(
            municipality=muni, held_on="2024-02-12", concept="Klimatutbildning", audience="staff"
        )
        goal = old.get_model("emissions", "Goal").objects.create(
            municipality=muni, name="Mål", gas="GGT", scope="territorial", target_year=2030,
            share_of_base=0.2, base_year=1990,
        )  # fmt: skip
        team = old.get_model("followup", "GoalTeam").objects.create(goal=goal)
        old.get_model("followup", "GoalPerson").objects.create(
            team=team, role="coordinator", name="Exempel", title="Klimatstrateg"
        )
        inv_plan = old.get_model("investments", "InvestmentPlan").objects.create(
            municipality=muni, name="Pilot", scope="organisation", base_year=2024
        )
        measure = old.get_model("investments", "Measure").objects.create(
            plan=inv_plan, name="Laddplatser", sector="Transport", start_year=2025,
            lifetime_years=10, capex_sek=1, opex_change_sek_per_year=0, reduction_t_per_year=1,
        )  # fmt: skip
        measure.actions.add(action)
    finally:
        _migrate(_latest())

    moved = Action.objects.get(identifier="AP1.1")
    assert moved.plan.title == "Projektplan"
    assert [i.name for i in moved.indicators.all()] == ["Utsläpp"]
    assert list(Measure.objects.get(name="Laddplatser").actions.all()) == [moved]
    assert Indicator.objects.get().actions.get() == moved
    assert Training.objects.get().concept == "Klimatutbildning"
    assert GoalPerson.objects.get().team.goal.name == "Mål"
