"""The yearly report through the personal link: works once, expires, is replaced by a newer
link, and a link made for another purpose is refused."""

import time
from decimal import Decimal

from django.core import mail

from klimatkontrakt.engagement.models import PledgeReport
from klimatkontrakt.engagement.services import local_contract_signatories as signatories
from klimatkontrakt.engagement.services import local_contract_tokens as tokens
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import link_in

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory

URL = "/kommun/1780/lokalt-klimatkontrakt/"


def _answers(signatory, **over):
    elbilar, own = signatory.pledges.order_by("pk")
    data = {
        f"r{elbilar.pk}-status": "done", f"r{elbilar.pk}-quantity": "4",
        f"r{elbilar.pk}-what_was_done": "Fyra elbilar",
        f"r{own.pk}-status": "started", f"r{own.pk}-reported_t": "2,5",
    }  # fmt: skip
    return data | over


def test_a_report_through_the_link_counts_once(client, signatory):
    assert signatories.send_report_link(signatory, 2025)
    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 200
    assert client.post(link, _answers(signatory)).status_code == 302
    reports = {r.pledge.title: r for r in PledgeReport.objects.select_related("pledge")}
    assert reports["Elbilar"].estimated_t == Decimal("6.000")  # 4 cars × 1.5 t
    assert reports["Elbilar"].from_default
    assert reports["Eget åtagande"].estimated_t == Decimal("2.500")
    # Used: the same link no longer opens the form nor changes anything.
    assert client.get(link).status_code == 404
    assert client.post(link, _answers(signatory)).status_code == 404


def test_a_new_link_replaces_the_old_one(client, signatory):
    signatories.send_report_link(signatory, 2025)
    signatories.send_report_link(signatory, 2025)
    old, new = (link_in(m) for m in mail.outbox)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_an_expired_link_is_refused(client, signatory, monkeypatch):
    signatories.send_report_link(signatory, 2025)
    link = link_in(mail.outbox[0])
    later = time.time() + tokens.REPORT_MAX_AGE + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(link).status_code == 404
    assert not PledgeReport.objects.exists()


def test_a_link_for_another_purpose_is_refused(client, signatory):
    signatory.report_nonce = "n"
    signatory.save()
    confirm = tokens.confirm_token(signatory.pk)
    assert client.get(URL + f"rapport/{confirm}/").status_code == 404
    report = tokens.report_token(signatory.pk, "n", 2025)
    assert client.post(URL + f"bekrafta/{report}/").status_code == 404


def test_bad_numbers_are_answered_on_the_form(client, signatory):
    signatories.send_report_link(signatory, 2025)
    link = link_in(mail.outbox[0])
    elbilar = signatory.pledges.order_by("pk").first()
    r = client.post(link, _answers(signatory, **{f"r{elbilar.pk}-quantity": "-3"}))
    assert r.status_code == 200 and not PledgeReport.objects.exists()
    assert client.get(link).status_code == 200  # not used up by a refused form


def test_a_signatory_not_approved_gets_no_link(signatory):
    signatory.state = "confirmed"
    signatory.save()
    assert not signatories.send_report_link(signatory, 2025)
    assert mail.outbox == []
