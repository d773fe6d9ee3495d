"""A citizen who has an account gets their proposals' contact details in the GDPR export, and
erasing the account erases them; the proposals themselves stay."""

import pytest

from klimatkontrakt.engagement.models import Proposal
from klimatkontrakt.organisations.selectors import personal_data
from klimatkontrakt.organisations.services import erase_user
from tests.engagement.proposal_factories import SECRET_EMAIL, citizen_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(user_factory):
    return user_factory(username="medborgare", email=SECRET_EMAIL.upper())


def test_the_export_holds_the_proposals_contact_details(citizen, karlstad, other_municipality):
    mine = citizen_proposal(karlstad)
    citizen_proposal(other_municipality, contact_email="nagon.annan@example.org")
    exported = personal_data(citizen)["engagement"]["proposal_contacts"]
    assert [(e["proposal"], e["contact_email"], e["contact_name"]) for e in exported] == [
        (mine.pk, SECRET_EMAIL, "Hemlig Medborgare")
    ]


def test_erasure_blanks_the_contact_details_and_keeps_the_proposal(citizen, karlstad):
    mine = citizen_proposal(karlstad)
    other = citizen_proposal(karlstad, contact_email="nagon.annan@example.org")
    erase_user(citizen)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.contact_name, mine.contact_email, mine.contact_phone) == ("", "", "")
    assert mine.text and Proposal.objects.count() == 2
    assert other.contact_email == "nagon.annan@example.org"


def test_an_account_without_e_mail_matches_no_proposal(user_factory, karlstad):
    citizen_proposal(karlstad, contact_email="")
    nobody = user_factory(username="utan-epost", email="")
    assert personal_data(nobody)["engagement"]["proposal_contacts"] == []
