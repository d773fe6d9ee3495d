"""The pages of the sharing level pass axe-core's WCAG 2.1 A/AA rules in both languages and on a
390 px wide screen: the follow-up as programme staff read it (figures marked "shared, not
published") and an item's page with the editors' visibility choice."""

import pytest

from klimatkontrakt.organisations.services import grant_role
from klimatkontrakt.organisations.sharing import set_visibility
from tests.a11y import assert_accessible, session_cookie
from tests.organisations.factories import OrganisationFactory
from tests.plans.factories import ActionFactory, ActionPlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared(karlstad, editor, contract_version_factory):  # type: ignore[no-untyped-def]
    karlstad.in_climate_contract = True
    karlstad.save()
    version = contract_version_factory(municipality=karlstad, year=2024)
    set_visibility(editor, karlstad, "contract_version", version.pk, "shared")
    plan = ActionPlanFactory(municipality=karlstad, is_published=False)
    ActionFactory(plan=plan)
    set_visibility(editor, karlstad, "action_plan", plan.pk, "shared")
    return plan


def _check(browser, url, cookies):  # type: ignore[no-untyped-def]
    for language in (None, "en-GB"):
        for width in (None, 390):
            assert_accessible(browser, url, cookies=cookies, language=language, width=width)


def test_followup_as_programme_staff(browser, live_server, client, shared, user_factory):  # type: ignore[no-untyped-def]
    user = user_factory(username="vc-a11y")
    grant_role(user, OrganisationFactory(kind="programme", slug="vc", name="VC"), "viewer")
    client.force_login(user)
    page = client.get("/nationellt/uppfoljning/2024/").content.decode()
    assert "delad, ej publicerad" in page
    _check(
        browser,
        live_server.url + "/nationellt/uppfoljning/2024/",
        session_cookie(client, live_server.url),
    )


def test_visibility_choice_on_an_items_page(browser, live_server, client, shared, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    url = f"/kommun/1780/handlingsplaner/{shared.pk}/"
    assert "Synlighet" in client.get(url).content.decode()
    _check(browser, live_server.url + url, session_cookie(client, live_server.url))
