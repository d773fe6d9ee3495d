"""axe-core on the status-list pages of commitments and actions, also with a refused delete."""

import pytest

from klimatkontrakt.plans import services as plans
from tests.a11y import AXE, WCAG_TAGS, assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_status_list_pages(browser, live_server, client, karlstad, admin_user):
    client.force_login(admin_user)
    cookies = session_cookie(client, live_server.url)
    for path in ["/kommun/1780/handlingsplaner/statusar/", "/kommun/1780/kontrakt/statusar/"]:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, cookies=cookies, language=language)


def test_refused_delete_of_a_status_in_use(browser, live_server, client, karlstad, admin_user):
    plan = plans.create_plan(
        admin_user, karlstad, kind="waste", title="Avfallsplan", owner_name="Avfallssamordnare"
    )
    plans.create_action(admin_user, plan, plans.ActionInput(identifier="U1", title="Matsvinn"))
    client.force_login(admin_user)
    context = browser.new_context()
    context.add_cookies(session_cookie(client, live_server.url))
    page = context.new_page()
    page.goto(live_server.url + "/kommun/1780/handlingsplaner/statusar/")
    page.check("#id_form-0-DELETE")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    context.close()
    assert result["violations"] == []
