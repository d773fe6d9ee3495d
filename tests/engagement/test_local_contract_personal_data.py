"""A signatory's contact person finds their data in the GDPR export and can have it erased;
the organisation's pledges stay."""

from klimatkontrakt.engagement.models import Signatory
from klimatkontrakt.organisations.selectors import personal_data
from klimatkontrakt.organisations.services import erase_user
from tests.engagement import local_contract_factories as factories

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory


def test_export_and_erase(signatory, user_factory):
    person = user_factory(username="kontakt", email=signatory.contact_email.upper())
    exported = personal_data(person)["engagement"]["local_climate_contracts"]
    assert [e["contact_email"] for e in exported] == [signatory.contact_email]
    assert exported[0]["organisation"] == signatory.name and exported[0]["consent_at"]
    erase_user(person)
    s = Signatory.objects.get()
    assert s.contact_name == s.contact_email == s.contact_phone == "" and s.report_nonce == ""
    assert s.pledges.count() == 2


def test_an_account_without_e_mail_matches_nothing(signatory, user_factory):
    Signatory.objects.update(contact_email="")
    person = user_factory(username="utan", email="")
    assert personal_data(person)["engagement"]["local_climate_contracts"] == []
