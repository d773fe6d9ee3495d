"""The national level's pages, and a city's contract and diff with the common part, pass
axe-core's WCAG 2.1 A/AA rules in both languages and on a 390 px wide screen."""

import pytest

from klimatkontrakt.contracts import common_services, services
from klimatkontrakt.contracts.models import CommonCommitment
from klimatkontrakt.organisations.access import SYSTEM
from tests.a11y import assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def linked_pair(common_2024, version_2023):
    services.sign_version(SYSTEM, version_2023)
    v2024 = services.start_next_version(SYSTEM, version_2023)
    common_services.fix_common_part(SYSTEM, common_2024)
    services.sign_version(SYSTEM, v2024)
    return v2024


def _each_way(browser, url, cookies=None):
    for language in (None, "en-GB"):
        for width in (None, 390):
            assert_accessible(browser, url, cookies=cookies, language=language, width=width)


def test_public_national_pages(browser, live_server, linked_pair):
    for path in [
        "/nationellt/",
        "/nationellt/gemensam-del/2024/",
        "/nationellt/organisation/formas/",
        "/kommun/1780/kontrakt/2024/",
        "/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024",
    ]:
        _each_way(browser, live_server.url + path)


def test_programme_office_editor_pages(browser, live_server, client, programme_editor):
    part = common_services.start_common_part(programme_editor, 2025)
    client.force_login(programme_editor)
    cookies = session_cookie(client, live_server.url)
    for path in [
        "/nationellt/",
        "/nationellt/gemensam-del/2025/",
        "/nationellt/gemensam-del/2025/avsnitt/agencies/",
        "/nationellt/gemensam-del/2025/atagande/ny/",
        "/nationellt/gemensam-del/2025/faststall/",
    ]:
        _each_way(browser, live_server.url + path, cookies)
    assert part.sections.count() == 5


def test_agency_page_with_status_forms(browser, live_server, client, linked_pair, formas_editor):
    assert CommonCommitment.objects.filter(owner__slug="formas").exists()
    client.force_login(formas_editor)
    cookies = session_cookie(client, live_server.url)
    _each_way(browser, live_server.url + "/nationellt/organisation/formas/", cookies)
