"""axe-core on the API tokens section of "Mina uppgifter": the list (active, revoked, expired),
the form with its errors and the new token shown once; Swedish and English, also at 390 px."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from klimatkontrakt.organisations import tokens
from klimatkontrakt.organisations.models import ApiToken
from tests.a11y import AXE, WCAG_TAGS, assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [(None, None), ("en-GB", None), (None, 390), ("en-GB", 390)]


@pytest.fixture
def signed_in(client, editor, live_server):
    tokens.create_token(editor, "Uppföljningsskript", "write")
    revoked = tokens.create_token(editor, "Gammalt skript", "read").token
    tokens.revoke_token(revoked, actor=editor)
    old = tokens.create_token(editor, "Utgånget", "read").token
    ApiToken.objects.filter(pk=old.pk).update(expires=timezone.now() - datetime.timedelta(days=1))
    client.force_login(editor)
    return session_cookie(client, live_server.url)


def test_the_token_list(browser, live_server, signed_in):
    url = live_server.url + "/konto/mina-uppgifter/"
    for language, width in LANGUAGES:
        assert_accessible(browser, url, cookies=signed_in, language=language, width=width)


def _violations_after_submit(browser, url, cookies, language, width, name, days):
    viewport = {"width": width, "height": 844} if width else None
    context = browser.new_context(locale=language or "sv-SE", viewport=viewport)
    context.add_cookies(cookies)
    if language:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        context.add_cookies([{"name": "django_language", "value": language[:2], "url": origin}])
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.fill("#id_name", name)
        page.select_option("#id_scope", "read")
        page.fill("#id_days", days)
        # The browser's own check of the range is left out: the server's answer is under test.
        page.eval_on_selector("form[action$='/nycklar/']", "f => { f.noValidate = true; }")
        with page.expect_navigation(wait_until="load"):
            page.click("form[action$='/nycklar/'] button[type=submit]")
        shown = page.locator("#new-token").count()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
    finally:
        context.close()
    return shown, [(v["id"], [n["target"] for n in v["nodes"][:5]]) for v in result["violations"]]


def test_the_new_token_and_the_form_errors(browser, live_server, signed_in):
    url = live_server.url + "/konto/mina-uppgifter/"
    for language, width in LANGUAGES:
        shown, violations = _violations_after_submit(
            browser, url, signed_in, language, width, "Nytt skript", "30"
        )
        assert shown == 1 and violations == [], (language, width, violations)
        # days out of range: the form comes back with its error summary
        shown, violations = _violations_after_submit(
            browser, url, signed_in, language, width, "Fel", "999"
        )
        assert shown == 0 and violations == [], (language, width, violations)
