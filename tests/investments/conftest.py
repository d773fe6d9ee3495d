import pytest

from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.investments.services import load_demo_investments
from klimatkontrakt.organisations.models import (
    County,
    Department,
    Membership,
    Municipality,
    Organisation,
)
from klimatkontrakt.organisations.services import create_user


def _municipality(code: str, name: str, county: County) -> Municipality:
    org = Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY, name=f"{name} kommun", slug=f"{name.lower()}-kommun"
    )
    return Municipality.objects.create(code=code, name=name, county=county, organisation=org)


@pytest.fixture
def karlstad(db) -> Municipality:
    county = County.objects.create(code="17", name="Värmlands län")
    muni = _municipality("1780", "Karlstad", county)
    Department.objects.create(
        municipality=muni,
        name="Teknik- och fastighetsförvaltningen",
        short_name="TFF",
        kind=Department.Kind.ADMINISTRATION,
    )
    Department.objects.create(
        municipality=muni,
        name="Miljöförvaltningen",
        short_name="MF",
        kind=Department.Kind.ADMINISTRATION,
    )
    return muni


@pytest.fixture
def arvika(karlstad) -> Municipality:
    return _municipality("1784", "Arvika", karlstad.county)


@pytest.fixture
def demo_plan(karlstad) -> InvestmentPlan:
    return load_demo_investments()


@pytest.fixture
def editor(karlstad):
    return create_user("redaktor", "ett-langt-losenord-42", organisation=karlstad.organisation, role=Membership.Role.EDITOR)


@pytest.fixture
def viewer(karlstad):
    return create_user("lasare", "ett-langt-losenord-42", organisation=karlstad.organisation, role=Membership.Role.VIEWER)


@pytest.fixture
def outsider(arvika):
    return create_user("arvika", "ett-langt-losenord-42", organisation=arvika.organisation, role=Membership.Role.EDITOR)


@pytest.fixture
def empty_plan(karlstad) -> InvestmentPlan:
    """A plan without baseline or budget: the pathway and probability must say why they are missing."""
    return InvestmentPlan.objects.create(
        municipality=karlstad,
        name="Tom plan",
        scope=InvestmentPlan.Scope.GROUP,
        base_year=2025,
        end_year=2030,
        is_published=False,
    )
