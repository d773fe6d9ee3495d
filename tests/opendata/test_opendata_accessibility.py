"""The page "Öppna data" (all municipalities, one municipality, as an editor with the rebuild
button, before any build) passes axe-core's WCAG 2.1 A/AA rules in both languages and 390 px
wide."""

import pytest

from klimatkontrakt.opendata import services
from tests.a11y import assert_accessible, session_cookie
from tests.opendata.test_release import places, registry  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_open_data_page(browser, live_server, client, editor, registry, places):  # noqa: F811
    empty = f"{live_server.url}/oppna-data/"
    assert_accessible(browser, empty)
    services.build_release()
    for url in (f"{live_server.url}/oppna-data/", f"{live_server.url}/oppna-data/?kommun=1780"):
        for language in (None, "en-GB"):
            assert_accessible(browser, url, language=language)
        assert_accessible(browser, url, width=390)
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    assert_accessible(browser, empty, cookies=cookies)
    assert_accessible(browser, empty, cookies=cookies, width=390, language="en-GB")
