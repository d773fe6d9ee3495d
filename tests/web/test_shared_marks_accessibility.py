"""A municipality's start page as programme staff read it, with its summary figures, contract
version and parts marked "shared, not published", passes axe-core's WCAG 2.1 A/AA rules in both
languages and on a 390 px wide screen."""

import pytest

from klimatkontrakt.organisations.services import grant_role
from klimatkontrakt.organisations.sharing import set_visibility
from tests.a11y import assert_accessible, session_cookie
from tests.organisations.factories import OrganisationFactory
from tests.plans.factories import ActionFactory, ActionPlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_page_as_programme_staff(
    browser, live_server, client, karlstad, editor, user_factory, contract_version_factory
):  # type: ignore[no-untyped-def]
    version = contract_version_factory(municipality=karlstad, year=2024)
    set_visibility(editor, karlstad, "contract_version", version.pk, "shared")
    plan = ActionPlanFactory(municipality=karlstad, is_published=False)
    ActionFactory(plan=plan)
    set_visibility(editor, karlstad, "action_plan", plan.pk, "shared")
    user = user_factory(username="vc-start")
    grant_role(user, OrganisationFactory(kind="programme", slug="vc", name="VC"), "viewer")
    client.force_login(user)
    url = f"/kommun/{karlstad.code}/"
    assert client.get(url).content.decode().count("Delad, ej publicerad") >= 4
    cookies = session_cookie(client, live_server.url)
    for language in (None, "en-GB"):
        for width in (None, 390):
            assert_accessible(
                browser, live_server.url + url, cookies=cookies, language=language, width=width
            )
