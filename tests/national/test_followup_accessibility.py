"""The cross-city follow-up page passes axe-core's WCAG 2.1 A/AA rules in both languages and
on a 390 px wide screen, with a city that has figures and one that has none (dashes with
reasons), sorted by a column (aria-sort) and filtered."""

import pytest

from klimatkontrakt.contracts import services
from klimatkontrakt.organisations.access import SYSTEM
from tests.a11y import assert_accessible
from tests.indicators.factories import IndicatorFactory
from tests.plans.factories import ActionFactory, ActionPlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cities(version_2023, karlstad, other_municipality):
    for m in (karlstad, other_municipality):
        m.in_climate_contract = True
        m.save()
    services.sign_version(SYSTEM, version_2023)
    ActionFactory(plan=ActionPlanFactory(municipality=karlstad, is_published=True))
    IndicatorFactory(municipality=karlstad, is_published=True, values={2022: 1.0, 2023: 2.0})


def test_followup_page(browser, live_server, cities):
    for path in [
        "/nationellt/uppfoljning/2023/",
        "/nationellt/uppfoljning/2023/?sort=completeness_pct&order=desc&status=signed",
    ]:
        for language in (None, "en-GB"):
            for width in (None, 390):
                assert_accessible(browser, live_server.url + path, language=language, width=width)
