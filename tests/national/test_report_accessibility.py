"""The national report's pages pass axe-core's WCAG 2.1 A/AA rules in Swedish and English and
at 390 px: the list, a draft as the programme editor sees it (with its buttons), and the
approved, published report (its frozen body) as everyone sees it."""

import pytest

from klimatkontrakt.national import report_services
from tests.a11y import assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = [(None, None), ("en-GB", None), (None, 390), ("en-GB", 390)]


def test_report_pages(browser, live_server, client, national_setup, programme_editor):
    report_services.create_draft(programme_editor, 2023)
    report = report_services.create_draft(programme_editor, 2024)
    report_services.publish(programme_editor, report_services.approve(programme_editor, report))
    client.force_login(programme_editor)
    cookies = session_cookie(client, live_server.url)
    for path, who in [
        ("/nationellt/rapport/", None),
        ("/nationellt/rapport/", cookies),
        ("/nationellt/rapport/2023/", cookies),
        ("/nationellt/rapport/2024/", None),
    ]:
        for language, width in SIZES:
            assert_accessible(
                browser, live_server.url + path, cookies=who, language=language, width=width
            )
