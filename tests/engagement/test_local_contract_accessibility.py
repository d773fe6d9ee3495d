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
    from klimatkontrakt.reports.services import create_draft

    create_draft(editor, contract_with_reports.contract.municipality, 2024)
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
        f"atagande/{contract_with_reports.pledges.first().pk}/lankar/",
        "/kommun/1780/uppfoljning/2024/",  # the report's section
    ]:
        url = live_server.url + (path if path.startswith("/") else BASE + path)
        for language in (None, "en-GB"):
            assert_accessible(browser, url, cookies=cookies, language=language)
        assert_accessible(browser, url, cookies=cookies, width=390)


def test_sign_up_with_errors(browser, live_server, local_contract):
    """A refused sign-up stays accessible: the summary, the field errors, the labels."""
    from tests.a11y import AXE, WCAG_TAGS

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + BASE + "anmalan/")
    page.fill("#id_org_number", "123")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    context.close()
    assert result["violations"] == []
