"""The public forms: a pupil is never asked for a name; a citizen's contact details are optional;
a robot filling the honeypot stores nothing; one address is limited to RATE_LIMIT an hour."""

import pytest

from klimatkontrakt.engagement.models import Channel, IntakeAttempt, Proposal
from klimatkontrakt.engagement.services.proposal_intake import RATE_LIMIT

pytestmark = pytest.mark.django_db

PUPIL = "/kommun/1780/forslag/lamna/elev/"
CITIZEN = "/kommun/1780/forslag/lamna/"


def test_the_pupil_form_asks_for_school_and_grade_but_no_name(client, karlstad):
    html = client.get(PUPIL).content.decode()
    assert 'name="school"' in html and 'name="grade"' in html
    assert 'name="contact_name"' not in html and 'name="contact_email"' not in html
    assert "Skriv inte ditt namn" in html


def test_a_pupils_proposal_is_stored_with_school_and_grade_waiting_for_moderation(client, karlstad):
    r = client.post(
        PUPIL,
        {
            "text": "Solpaneler på skolans tak",
            "school": "Exempelskolan",
            "grade": "5",
            "themes": "energi, skolan",
        },
    )
    assert r.status_code == 302
    p = Proposal.objects.get()
    assert (p.channel, p.school, p.grade) == (Channel.PUPILS_COUNCIL, "Exempelskolan", 5)
    assert p.moderation == Proposal.Moderation.PENDING and p.state.key == "received"
    assert sorted(t.name for t in p.themes.all()) == ["energi", "skolan"]
    assert "Solpaneler" not in client.get("/kommun/1780/forslag/").content.decode()


def test_a_pupil_post_with_contact_details_stores_none_of_them(client, karlstad):
    client.post(
        PUPIL, {"text": "Fler träd", "contact_name": "Kalle Anka", "contact_email": "k@example.org"}
    )
    p = Proposal.objects.get()
    assert (p.contact_name, p.contact_email) == ("", "")


def test_a_citizen_may_leave_contact_details(client, karlstad):
    client.post(
        CITIZEN,
        {"text": "Bättre busstrafik", "contact_name": "Anna", "contact_email": "anna@example.org"},
    )
    p = Proposal.objects.get()
    assert (p.channel, p.contact_email, p.school, p.grade) == (
        Channel.CITIZEN,
        "anna@example.org",
        "",
        None,
    )


def test_a_filled_honeypot_stores_nothing_and_says_thank_you(client, karlstad):
    r = client.post(CITIZEN, {"text": "Köp billiga klockor", "website": "http://spam.example"})
    assert r.status_code == 302
    assert not Proposal.objects.exists() and not IntakeAttempt.objects.exists()


def test_one_address_is_refused_beyond_the_hourly_limit(client, karlstad):
    for n in range(RATE_LIMIT):
        assert client.post(CITIZEN, {"text": f"Förslag {n}"}).status_code == 302
    r = client.post(CITIZEN, {"text": "Ett till"})
    assert r.status_code == 200 and "Too many" not in r.content.decode()
    assert "För många förslag" in r.content.decode()
    assert Proposal.objects.count() == RATE_LIMIT
    # Another address is not held back, and the address itself is not stored.
    assert client.post(CITIZEN, {"text": "Annat"}, REMOTE_ADDR="192.0.2.7").status_code == 302
    assert not IntakeAttempt.objects.filter(address_key__contains="127.0.0.1").exists()


def test_an_empty_proposal_is_refused_with_the_field_named(client, karlstad):
    r = client.post(CITIZEN, {"text": ""})
    assert r.status_code == 200 and "error-summary" in r.content.decode()
    assert not Proposal.objects.exists()
