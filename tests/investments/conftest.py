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
