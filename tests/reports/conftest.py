from datetime import UTC, datetime

import pytest

from klimatkontrakt.contracts import services as contracts
from klimatkontrakt.plans import services as plans
from klimatkontrakt.reports import services

FETCHED = datetime(2025, 2, 1, tzinfo=UTC)


@pytest.fixture
def indicator(karlstad, indicator_factory):
    return indicator_factory(
        municipality=karlstad,
        name="Andel elbilar",
        unit="%",
        direction="up",
        source_kind="manual",
        is_published=True,
        values={2021: 4.0, 2022: 6.0, 2023: 8.5, 2024: 11.0},
        values__provenance="Trafikanalys (test)",
        values__fetched_at=FETCHED,
        targets={2030: 40.0},
    )


@pytest.fixture
def karlstad_work(karlstad, editor, indicator, contract_version_factory):
    """Two published contract versions, an indicator and an action plan with work packages."""
    v2023 = contract_version_factory(municipality=karlstad, year=2023, commitments=2)
    v2024 = contract_version_factory(municipality=karlstad, year=2024, commitments=4)
    v2024.previous = v2023
    v2024.save()
    v2023, v2024 = (contracts.set_published(editor, v, True) for v in (v2023, v2024))
    plan = plans.create_plan(
        editor,
        karlstad,
        kind="project",
        title="Projektplan Klimatneutrala Karlstad 2030",
        owner_name="Klimatsamordnare",
        work_packages=[("AP1", "Ledning"), ("AP2", "Energi")],
        is_published=True,
    )
    ap1 = plan.work_packages.get(code="AP1")
    plans.create_action(
        editor, plan, plans.ActionInput("1.1", "Styrgrupp bildas", work_package=ap1)
    )
    plans.create_action(editor, plan, plans.ActionInput("2.1", "Solceller på skolor"))
    return {"v2023": v2023, "v2024": v2024, "plan": plan}


@pytest.fixture
def draft(karlstad_work, editor, karlstad):
    return services.create_draft(editor, karlstad, 2024)


@pytest.fixture
def approved(draft, editor):
    return services.approve(editor, draft)
