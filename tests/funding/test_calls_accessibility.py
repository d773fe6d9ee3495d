"""The calls' pages pass axe-core's WCAG 2.1 A/AA rules, in Swedish and English and on a
390 px wide phone screen: the open calls, one call, the city's "Calls that fit" (also with the
editor's application form), entering and importing calls."""

from decimal import Decimal

import pytest
from django.utils import timezone

from klimatkontrakt.funding.services.calls import record_application
from tests.a11y import assert_accessible, session_cookie
from tests.funding.call_factories import CallFactory, agency_editor
from tests.investments.factories import InvestmentPlanFactory, MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = [(None, None), ("en-GB", None), (None, 390), ("en-GB", 390)]


@pytest.fixture
def fitted(karlstad, editor):
    plan = InvestmentPlanFactory(municipality=karlstad, is_published=True, name="Pilotplan")
    measure = MeasureFactory(plan=plan, name="Laddinfrastruktur vid skolor", category="personbilar")
    call = CallFactory(title="Laddinfrastruktur", categories=["personbilar"], is_example=True)
    record_application(
        editor, measure, call, state="applied", amount_sek=Decimal("1000"),
        applied_on=timezone.localdate(),
    )  # fmt: skip
    return call


def test_public_pages(browser, live_server, fitted):
    for path in ["/utlysningar/", f"/utlysningar/{fitted.pk}/", "/kommun/1780/utlysningar/"]:
        for language, width in SIZES:
            assert_accessible(browser, live_server.url + path, language=language, width=width)


def test_editor_pages(browser, live_server, client, editor, fitted):
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for language, width in SIZES:
        assert_accessible(
            browser,
            live_server.url + "/kommun/1780/utlysningar/",
            cookies=cookies,
            language=language,
            width=width,
        )
    client.force_login(agency_editor())
    cookies = session_cookie(client, live_server.url)
    for path in ["/utlysningar/ny/", "/utlysningar/import/", f"/utlysningar/{fitted.pk}/andra/"]:
        for language, width in SIZES:
            assert_accessible(
                browser, live_server.url + path, cookies=cookies, language=language, width=width
            )
