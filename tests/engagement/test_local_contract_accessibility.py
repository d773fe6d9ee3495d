"""axe-core on the local climate contract's public and editor pages, in Swedish and English and
on a 390 px phone."""

import pytest

from klimatkontrakt.engagement.services import local_contract_tokens as tokens
from tests.a11y import assert_accessible, session_cookie
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import SignatoryFactory, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory
draft_version = factories.draft_version

BASE = "/kommun/1780/lokalt-klimatkontrakt/"


@pytest.fixture
def contract_with_reports(signatory, local_contract):
    elbilar, own = signatory.pledges.order_by("pk")
    report(elbilar, 2024, "6")
    report(own, 2024, None, status="not_started")
    SignatoryFactory(contract=local_contract, state="confirmed", name="Exempel Väntar AB")
    signatory.report_nonce = "n"
    signatory.save()
    return signatory


def test_public_pages(browser, live_server, contract_with_reports):
    token = tokens.report_token(contract_with_reports.pk, "n", 2024)
    confirm = tokens.confirm_token(contract_with_reports.pk)
    for path in ["", "anmalan/", f"rapport/{token}/", f"bekrafta/{confirm}/"]:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + BASE + path, language=language)
        assert_accessible(browser, live_server.url + BASE + path, width=390)


def test_editor_pages(browser, live_server, client, editor, contract_with_reports, draft_version):
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    standard = contract_with_reports.contract.standard_pledges.first()
    for path in [
        "",
        "undertecknare/",
        "ej-rapporterat/?year=2025",
        "redigera/",
        "redigera/version/ny/",
        f"redigera/version/{draft_version.number}/",
        f"redigera/katalog/{standard.pk}/",
    ]:
        for language in (None, "en-GB"):
            assert_accessible(
                browser, live_server.url + BASE + path, cookies=cookies, language=language
            )
        assert_accessible(browser, live_server.url + BASE + path, cookies=cookies, width=390)
