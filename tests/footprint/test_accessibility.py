"""Each footprint page type passes axe-core's WCAG 2.1 A/AA rules in headless Chromium."""

import pytest

from klimatkontrakt.footprint import services
from tests.a11y import assert_accessible, browser, session_cookie  # noqa: F401
from tests.sources.ledger_files import write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(editor, karlstad, tmp_path):
    ledger = services.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))]
    ).ledger
    return services.set_published(editor, ledger, True)


@pytest.mark.parametrize(
    "path",
    ["/kommun/1780/inkop/", "/kommun/1780/inkop/rader/?category=construction_buildings"],
)
def test_public_pages(browser, live_server, published, path):  # noqa: F811
    assert_accessible(browser, live_server.url + path)


def test_overview_in_english(browser, live_server, published):  # noqa: F811
    assert_accessible(browser, live_server.url + "/kommun/1780/inkop/", language="en-GB")


def test_editor_pages(browser, live_server, client, editor, published):  # noqa: F811
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in ["/kommun/1780/inkop/", "/kommun/1780/inkop/importera/"]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_empty_page(browser, live_server, karlstad):  # noqa: F811
    assert_accessible(browser, live_server.url + "/kommun/1780/inkop/")
