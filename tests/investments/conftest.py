import pytest

from klimatkontrakt.investments.demo import load_demo_investments
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.organisations.models import Department, Municipality


@pytest.fixture
def karlstad(karlstad) -> Municipality:
    """The shared Karlstad fixture, plus a second department for measures to name."""
    Department.objects.create(
        municipality=karlstad,
        name="Miljöförvaltningen",
        short_name="MF",
        kind=Department.Kind.ADMINISTRATION,
    )
    return karlstad


@pytest.fixture
def demo_plan(karlstad) -> InvestmentPlan:
    return load_demo_investments()


@pytest.fixture
def empty_plan(karlstad) -> InvestmentPlan:
    """A plan without baseline or budget: pathway and probability must say why they are missing."""
    return InvestmentPlan.objects.create(
        municipality=karlstad,
        name="Tom plan",
        scope=InvestmentPlan.Scope.GROUP,
        base_year=2025,
        end_year=2030,
        is_published=False,
    )
