"""Every proposal page passes axe-core's WCAG 2.1 A/AA rules, in Swedish and English and on a
390 px wide phone screen: the public list (a class's filter too), a proposal with its answer,
both public forms (also with errors), and the staff pages."""

import pytest
from django.utils import timezone

from klimatkontrakt.engagement.models import Proposal
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.engagement.services.proposals import AnswerInput
from tests.a11y import AXE, WCAG_TAGS, assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = [(None, None), ("en-GB", None), (None, 390), ("en-GB", 390)]


@pytest.fixture
def worked(karlstad, editor, assigned, proposal_factory):
    proposal_factory(municipality=karlstad, text="Väntar på granskning")
    services.answer_proposal(editor, assigned[0], AnswerInput(decision="accepted", text="Ja"))
    Proposal.objects.filter(pk=assigned[1].pk).update(
        deadline=timezone.localdate() - timezone.timedelta(days=2)
    )
    return assigned


def test_public_pages(browser, live_server, worked):
    for path in [
        "/kommun/1780/forslag/",
        "/kommun/1780/forslag/?skola=Exempelskolan+Norr&arskurs=5",
        f"/kommun/1780/forslag/{worked[0].pk}/",
        "/kommun/1780/forslag/lamna/",
        "/kommun/1780/forslag/lamna/elev/",
    ]:
        for language, width in SIZES:
            assert_accessible(browser, live_server.url + path, language=language, width=width)


def test_staff_pages(browser, live_server, client, editor, worked):
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in [
        "/kommun/1780/forslag/arbete/",
        "/kommun/1780/forslag/ny/",
        "/kommun/1780/forslag/import/",
        "/kommun/1780/forslag/urval/",
        "/kommun/1780/forslag/tilldela/",
        "/kommun/1780/forslag/statusar/",
        f"/kommun/1780/forslag/{worked[0].pk}/",
        f"/kommun/1780/forslag/{worked[0].pk}/granska/",
        f"/kommun/1780/forslag/{worked[0].pk}/sla-ihop/",
        f"/kommun/1780/forslag/{worked[1].pk}/svara/",
    ]:
        for language, width in SIZES:
            assert_accessible(
                browser, live_server.url + path, cookies=cookies, language=language, width=width
            )


def test_the_public_form_with_errors(browser, live_server, karlstad):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/kommun/1780/forslag/lamna/elev/")
    page.fill("#id_grade", "99")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    context.close()
    assert result["violations"] == []
