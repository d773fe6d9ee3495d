"""Every investment-plan page type passes axe-core's WCAG 2.1 A/AA rules in headless Chromium."""

import pytest

from tests import a11y
from tests.a11y import assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages(plan):
    base = f"/kommun/1780/investeringsplan/{plan.pk}/"
    return [base, base + "atgarder/", base + "finansiering/", base + "optimum/"]


def test_public_plan_pages(browser, live_server, demo_plan):
    assert_accessible(browser, live_server.url + "/kommun/1780/investeringsplan/")
    for path in pages(demo_plan):
        assert_accessible(browser, live_server.url + path)


def test_plan_pages_in_english(browser, live_server, demo_plan):
    for path in pages(demo_plan)[:2]:
        assert_accessible(browser, live_server.url + path, language="en-GB")


def test_editor_pages(browser, live_server, client, editor, demo_plan, empty_plan):
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    measure = demo_plan.measures.first()
    base = f"/kommun/1780/investeringsplan/{demo_plan.pk}/"
    for path in [
        base,
        base + "atgarder/",
        base + "atgarder/ny/",
        base + f"atgarder/{measure.pk}/",
        f"/kommun/1780/investeringsplan/{empty_plan.pk}/",
        "/kommun/1780/investeringsplan/ny/",
        base + "installningar/",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_measure_form_with_errors(browser, live_server, client, editor, demo_plan):
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    context = browser.new_context(locale="sv-SE")
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto(live_server.url + f"/kommun/1780/investeringsplan/{demo_plan.pk}/atgarder/ny/")
    page.click("main form.form button[type=submit]")
    page.wait_for_load_state("load")
    assert "field-error" in page.content()
    page.add_script_tag(path=str(a11y.AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        a11y.WCAG_TAGS,
    )
    context.close()
    assert [v["id"] for v in result["violations"]] == []
