"""axe-core on the page of a municipality's catalogue facts: with a catalogue, without an
organisation number, and with the form's errors; Swedish and English, also at 390 px."""

from urllib.parse import urlsplit

import pytest

from tests.a11y import AXE, WCAG_TAGS, assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [(None, None), ("en-GB", None), (None, 390), ("en-GB", 390)]
PATH = "/kommun/1780/oppna-data/katalog/"


@pytest.fixture
def signed_in(client, catalogue_release, karlstad, user_factory, live_server):
    admin = user_factory(username="katalogadmin", member_of=karlstad, member_of__role="admin")
    client.force_login(admin)
    return session_cookie(client, live_server.url)


def test_with_a_catalogue_and_without_a_number(browser, live_server, signed_in, karlstad):
    for language, width in LANGUAGES:
        assert_accessible(
            browser, live_server.url + PATH, cookies=signed_in, language=language, width=width
        )
    karlstad.organisation.org_number = ""
    karlstad.organisation.save()
    for language, width in LANGUAGES:
        assert_accessible(
            browser, live_server.url + PATH, cookies=signed_in, language=language, width=width
        )


def test_with_the_forms_errors(browser, live_server, signed_in):
    for language, width in LANGUAGES:
        viewport = {"width": width, "height": 844} if width else None
        context = browser.new_context(locale=language or "sv-SE", viewport=viewport)
        context.add_cookies(signed_in)
        if language:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(live_server.url))
            context.add_cookies([{"name": "django_language", "value": "en", "url": origin}])
        page = context.new_page()
        try:
            page.goto(live_server.url + PATH, wait_until="load")
            page.fill("#id_org_number", "212000-1851")
            page.fill("#id_open_data_email", "inte en adress")
            with page.expect_navigation(wait_until="load"):
                page.click("form.form button[type=submit]")
            assert page.locator(".errorlist, [role=alert], .form-errors").count() > 0
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                WCAG_TAGS,
            )
        finally:
            context.close()
        assert result["violations"] == [], (language, width, result["violations"])
