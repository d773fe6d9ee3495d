import pytest

from klimatkontrakt.investments.demo import load_demo_investments
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.organisations.models import Municipality


@pytest.fixture
def karlstad(karlstad, department_factory) -> Municipality:
    """The shared Karlstad fixture, plus a second department for measures to name."""
    department_factory(municipality=karlstad, name="Miljöförvaltningen", short_name="MF")
    return karlstad


@pytest.fixture
def demo_plan(karlstad) -> InvestmentPlan:
    return load_demo_investments()


@pytest.fixture
def empty_plan(karlstad, investment_plan_factory) -> InvestmentPlan:
    """A plan without baseline or budget: pathway and probability must say why they are missing."""
    return investment_plan_factory(municipality=karlstad, name="Tom plan", is_published=False)


SECTORS = ("Energi", "Fastighetsenergi", "Resor")


def give_sectors(plan: InvestmentPlan) -> InvestmentPlan:
    """An entered baseline with the sectors the test files name, so that the pathway can use
    their measures."""
    from decimal import Decimal

    from klimatkontrakt.investments.models import BaselineSector

    for sector in SECTORS:
        BaselineSector.objects.create(plan=plan, sector=sector, base_t=Decimal("1000"))
    return plan


@pytest.fixture
def sector_plan(karlstad, investment_plan_factory) -> InvestmentPlan:
    """An unpublished plan whose entered baseline has the sectors of SECTORS, without budget."""
    return give_sectors(
        investment_plan_factory(municipality=karlstad, name="Plan med sektorer", is_published=False)
    )
