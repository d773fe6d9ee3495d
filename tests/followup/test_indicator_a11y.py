import pytest
from django.urls import reverse

from klimatkontrakt.followup.services import load_demo_indicators
from tests.a11y import assert_accessible, browser  # noqa: F401 - pytest fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_indicator_pages_meet_wcag_21_aa(live_server, browser, karlstad):  # noqa: F811
    indicators = load_demo_indicators()
    assert_accessible(browser, live_server.url + reverse("followup:indicators", args=["1780"]))
    for indicator in indicators[:2]:
        url = reverse("followup:indicator", args=["1780", indicator.pk])
        assert_accessible(browser, live_server.url + url)
        assert_accessible(browser, live_server.url + url, language="en-GB")
