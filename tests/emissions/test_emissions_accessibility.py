"""The emissions page passes axe-core's WCAG 2.1 A/AA rules in headless Chromium."""

import pytest

from klimatkontrakt.emissions import services
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
from tests.a11y import assert_accessible, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):  # type: ignore[no-untyped-def]
    import_municipalities(BUNDLED_CODE_LIST)
    services.load_demo_emissions()


@pytest.mark.parametrize(
    "path",
    ["/kommun/1780/utslapp/", "/kommun/1780/utslapp/?gas=GGT&method=carbon-law"],
)
def test_emissions_page(browser, live_server, demo, path):  # noqa: F811
    assert_accessible(browser, live_server.url + path)


def test_emissions_page_in_english(browser, live_server, demo):  # noqa: F811
    assert_accessible(browser, live_server.url + "/kommun/1780/utslapp/", language="en-GB")
