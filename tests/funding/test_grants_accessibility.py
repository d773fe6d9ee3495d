"""The grant pages pass axe-core's WCAG 2.1 A/AA rules in Swedish and English and on a 390 px
wide screen: the portfolio (with chart, review list and downloads), a grant with its link
forms, the single entry, the import, the group list and the national side-by-side page."""

from decimal import Decimal

import pytest

from tests.a11y import assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portfolio(karlstad, grant_factory, group_organisation_factory):
    karlstad.in_climate_contract = True
    karlstad.save()
    group_organisation_factory(
        municipality=karlstad,
        name="Karlstads kommun",
        org_number="212000-1850",
        kind="municipality",
    )
    first = grant_factory(municipality=karlstad, funder_name="Vinnova", year=2023)
    grant_factory(municipality=karlstad, funder_name="Formas", year=2024, amount_sek=Decimal(5e4))
    grant_factory(municipality=karlstad, match="name", review="pending", title="Namnträff")
    # Klimatklivet grants no city holds: the national page's table per county.
    from klimatkontrakt.funding.services.grants import import_grants
    from klimatkontrakt.organisations.access import SYSTEM
    from tests.funding.grant_files import REAL_KLIMATKLIVET_ROWS, klimatklivet

    import_grants(SYSTEM, "klimatklivet", klimatklivet(REAL_KLIMATKLIVET_ROWS), "kk.xlsx")
    return first


def test_public_pages(browser, live_server, portfolio):
    for path in [
        "/kommun/1780/bidrag/",
        f"/kommun/1780/bidrag/{portfolio.pk}/",
        "/kommun/1780/bidrag/koncernen/",
        "/nationellt/bidrag/",
    ]:
        for language in (None, "en-GB"):
            for width in (None, 390):
                assert_accessible(browser, live_server.url + path, language=language, width=width)


def test_editor_pages(browser, live_server, client, editor, portfolio):
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in [
        "/kommun/1780/bidrag/",
        f"/kommun/1780/bidrag/{portfolio.pk}/",
        "/kommun/1780/bidrag/ny/",
        "/kommun/1780/bidrag/importera/",
        "/kommun/1780/bidrag/koncernen/",
    ]:
        for language in (None, "en-GB"):
            for width in (None, 390):
                assert_accessible(
                    browser, live_server.url + path, cookies=cookies, language=language, width=width
                )
