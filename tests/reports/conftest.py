from datetime import UTC, datetime

import pytest

from klimatkontrakt.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from klimatkontrakt.plans import services as plans
from klimatkontrakt.reports import services
from tests import factories

FETCHED = datetime(2025, 2, 1, tzinfo=UTC)


@pytest.fixture
def indicator(karlstad):
    ind = Indicator.objects.create(
        municipality=karlstad,
        name="Andel elbilar",
        unit="%",
        direction="up",
        source_kind="manual",
        is_published=True,
    )
    for year, value in [(2021, 4.0), (2022, 6.0), (2023, 8.5), (2024, 11.0)]:
        IndicatorValue.objects.create(
            indicator=ind,
            year=year,
            value=value,
            provenance="Trafikanalys (test)",
            fetched_at=FETCHED,
        )
    IndicatorTarget.objects.create(indicator=ind, year=2030, value=40.0)
    return ind


@pytest.fixture
def karlstad_work(karlstad, editor, indicator):
    """Two contract versions, an indicator and an action plan with work packages."""
    v2023 = factories.contract_version(karlstad, 2023, commitments=2)
    v2024 = factories.contract_version(karlstad, 2024, commitments=4)
    v2024.previous = v2023
    v2024.save()
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
