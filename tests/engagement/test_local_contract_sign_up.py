"""The public sign-up: rule, honeypot, rate limit per address, e-mailed confirmation, approval by
an editor, and consent to publication recorded."""

import pytest
from django.core import mail

from klimatkontrakt.engagement.models import Signatory
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import link_in

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract

URL = "/kommun/1780/lokalt-klimatkontrakt/"


def _form(local_contract, **over):
    elbilar, varmepump, _avfall = local_contract.standard_pledges.all()
    data = {
        "kind": "organisation", "name": "Exempel Åkeri AB", "org_number": "556012-5790",
        "org_sector": "business", "size": "10-49", "contact_name": "Anna Exempel",
        "contact_email": "anna@example.org", "contact_phone": "054-00 00 00",
        "consent_to_publish": "on",
    }  # fmt: skip
    for p in (elbilar, varmepump):
        data |= {f"p{p.pk}-chosen": "on", f"p{p.pk}-baseline_year": "2022",
                 f"p{p.pk}-baseline_value": "4", f"p{p.pk}-target_value": "0",
                 f"p{p.pk}-target_year": "2030"}  # fmt: skip
    return data | over


def test_sign_up_confirm_approve_then_shown(client, editor, local_contract):
    r = client.post(URL + "anmalan/", _form(local_contract))
    assert r.status_code == 302
    s = Signatory.objects.get()
    assert s.state == "unconfirmed" and s.org_number == "556012-5790"
    assert s.consent_to_publish and s.consent_at is not None
    assert "Exempel Åkeri AB" not in client.get(URL).content.decode()
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    confirm = link_in(message)
    assert client.get(confirm).status_code == 200  # asks only
    assert Signatory.objects.get().state == "unconfirmed"
    assert client.post(confirm).status_code == 302
    assert Signatory.objects.get().state == "confirmed"
    client.force_login(editor)
    client.post(URL + f"undertecknare/{s.pk}/beslut/", {"decision": "approve"})
    client.logout()
    page = client.get(URL).content.decode()
    assert "Exempel Åkeri AB" in page and "anna@example.org" not in page
    assert "054-00" not in page


def test_without_consent_an_approved_organisation_counts_but_is_not_shown(
    client, editor, local_contract
):
    form = _form(local_contract)
    del form["consent_to_publish"]
    client.post(URL + "anmalan/", form)
    client.post(link_in(mail.outbox[0]))
    client.force_login(editor)
    client.post(
        URL + f"undertecknare/{Signatory.objects.get().pk}/beslut/", {"decision": "approve"}
    )
    page = client.get(URL).content.decode()
    assert "Exempel Åkeri AB" not in page.split('id="h-signatories"')[1]


def test_a_wrong_org_number_or_too_few_pledges_is_refused(client, local_contract):
    r = client.post(URL + "anmalan/", _form(local_contract, org_number="556012-5791"))
    assert r.status_code == 200 and "kontrollsiffra" in r.content.decode()
    one = {k: v for k, v in _form(local_contract).items() if not k.startswith("p") or
           k.startswith(f"p{local_contract.standard_pledges.first().pk}-")}  # fmt: skip
    r = client.post(URL + "anmalan/", one)
    assert r.status_code == 200 and "minst 2" in r.content.decode()
    assert not Signatory.objects.exists()


def test_a_sector_roadmap_may_replace_the_pledges(client, local_contract):
    form = {k: v for k, v in _form(local_contract).items() if not k.startswith("p")}
    r = client.post(URL + "anmalan/", form | {"roadmap": "Färdplan för åkerinäringen"})
    assert r.status_code == 302
    assert Signatory.objects.get().roadmap == "Färdplan för åkerinäringen"


def test_a_resident_without_e_mail_waits_for_approval_and_is_never_named(client, local_contract):
    form = _form(local_contract, kind="resident", name="Kalle", contact_email="")
    r = client.post(URL + "anmalan/", form)
    assert r.status_code == 302 and mail.outbox == []
    s = Signatory.objects.get()
    assert s.state == "confirmed" and s.name == "" and not s.consent_to_publish


def test_the_honeypot_keeps_nothing(client, local_contract):
    r = client.post(URL + "anmalan/", _form(local_contract, website="http://spam.example"))
    assert r.status_code == 302
    assert not Signatory.objects.exists() and mail.outbox == []


def test_the_rate_limit_per_address(client, local_contract, settings):
    settings.LOCAL_CONTRACT_SIGNUPS_PER_HOUR = 2
    for n in range(2):
        form = _form(local_contract, contact_email=f"n{n}@example.org")
        assert client.post(URL + "anmalan/", form).status_code == 302
    r = client.post(URL + "anmalan/", _form(local_contract))
    assert r.status_code == 429
    assert Signatory.objects.count() == 2
    other = client.post(URL + "anmalan/", _form(local_contract), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.parametrize("token", ["x", "1"])
def test_a_bad_confirmation_link_confirms_nothing(client, local_contract, token):
    assert client.post(URL + f"bekrafta/{token}/").status_code == 404


def test_no_sign_up_before_publication(client, karlstad):
    assert client.get(URL + "anmalan/").status_code == 404
