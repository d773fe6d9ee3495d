"""The agency's page of measures and actions naming it and the page of experiences to share
pass axe-core's WCAG 2.1 A/AA rules in both languages and on a 390 px wide screen, with rows,
a city filter and a search with marked matches."""

from decimal import Decimal

import pytest

from klimatkontrakt.contracts import services as contracts
from klimatkontrakt.investments import services as investments
from klimatkontrakt.investments.models import FundingSource
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.plans import services as plans
from tests.a11y import assert_accessible
from tests.investments.factories import MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def named(karlstad, formas):
    measure = MeasureFactory(plan__municipality=karlstad, plan__is_published=True)
    source = investments.add_funding_source(
        SYSTEM, FundingSource(municipality=karlstad, kind="eu", name="Formasmedel", funder=formas)
    )
    investments.add_funding(SYSTEM, measure, source, Decimal("250000"), 2025, "granted")
    plan = plans.create_plan(
        SYSTEM, karlstad, kind="project", title="Projektplan", owner_name="X", is_published=True
    )
    plans.create_action(SYSTEM, plan, plans.ActionInput("P1", "Policylabb", funders=[formas]))


@pytest.fixture
def texts(version_2023):
    contracts.update_section_text(
        SYSTEM,
        version_2023.sections.get(key="joint_follow_up"),
        "7.2 Erfarenheter att dela\nSamverkan med företag och föreningar ger resultat.",
    )
    contracts.sign_version(SYSTEM, version_2023)


def _each_way(browser, url):
    for language in (None, "en-GB"):
        for width in (None, 390):
            assert_accessible(browser, url, language=language, width=width)


def test_agency_page(browser, live_server, named):
    for path in [
        "/nationellt/organisation/formas/finansiering/",
        "/nationellt/organisation/formas/finansiering/?city=0180",
    ]:
        _each_way(browser, live_server.url + path)


def test_experiences_page(browser, live_server, texts):
    for path in [
        "/nationellt/erfarenheter/2023/",
        "/nationellt/erfarenheter/2023/?q=samverkan+resultat&city=1780",
        "/nationellt/erfarenheter/2023/?q=finns-inte",
    ]:
        _each_way(browser, live_server.url + path)
