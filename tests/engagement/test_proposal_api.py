"""The proposals API: published data open, the public submission that can only submit, editor
writes, and inputs checked for meaning (422, never 500)."""

import pytest

from klimatkontrakt.engagement.models import Proposal

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_proposals_with_filters(client, karlstad, proposal_factory):
    proposal_factory(municipality=karlstad, published=True, school="Exempelskolan Norr", grade=5)
    proposal_factory(municipality=karlstad, published=True, school="Exempelskolan Söder", grade=6)
    proposal_factory(municipality=karlstad, text="Väntar")
    rows = client.get("/api/proposals/1780/").json()
    assert len(rows) == 2 and all(r["published"] for r in rows)
    rows = client.get("/api/proposals/1780/", {"school": "Exempelskolan Norr", "grade": 5}).json()
    assert [r["school"] for r in rows] == ["Exempelskolan Norr"]
    assert "contact_email" not in rows[0]


def test_the_public_submission_only_submits(client, karlstad):
    r = client.post(
        "/api/proposals/1780/submit",
        {"channel": "pupils_council", "text": "Fler träd", "grade": 5},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json() == {"received": True}
    p = Proposal.objects.get()
    assert p.moderation == "pending" and p.grade == 5
    r = client.post(
        "/api/proposals/1780/submit",
        {"channel": "dialogue", "text": "x"},
        content_type="application/json",
    )
    assert r.status_code == 422
    r = client.post(
        "/api/proposals/1780/submit",
        {"channel": "pupils_council", "text": "x", "contact_name": "Kalle"},
        content_type="application/json",
    )
    assert r.status_code == 422 and Proposal.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"channel": "citizen", "text": "x" * 5000},
        {"channel": "citizen", "text": "ok", "grade": 99},
        {"channel": "citizen", "text": "ok", "themes": ["a"] * 50},
        {"channel": "citizen"},
    ],
)
def test_bad_submissions_are_422(client, karlstad, body):
    r = client.post("/api/proposals/1780/submit", body, content_type="application/json")
    assert r.status_code == 422 and "errors" in r.json()


def test_writes_need_a_login_and_the_editor_role(client, viewer, karlstad, proposal_factory):
    p = proposal_factory(municipality=karlstad, published=True)
    body = {"proposal_ids": [p.pk], "reason": "Bra"}
    assert (
        client.post("/api/proposals/1780/select", body, content_type="application/json").status_code
        == 401
    )
    client.force_login(viewer)
    assert (
        client.post("/api/proposals/1780/select", body, content_type="application/json").status_code
        == 403
    )


def test_an_editor_selects_and_answers_through_the_api(editor_client, assigned):
    pk = assigned[0].pk
    r = editor_client.post(
        f"/api/proposals/1780/{pk}/answer",
        {"decision": "rejected", "text": "Nej"},
        content_type="application/json",
    )
    assert r.status_code == 422 and "reason" in r.json()["errors"]
    r = editor_client.post(
        f"/api/proposals/1780/{pk}/answer",
        {"decision": "accepted", "text": "Ja", "cost_sek": 12000},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["answer"]["decision"] == "accepted"
    r = editor_client.post(
        f"/api/proposals/1780/{pk}/answer",
        {"decision": "accepted", "text": "Ja", "cost_sek": -5},
        content_type="application/json",
    )
    assert r.status_code == 422


def test_ids_and_filters_outside_their_range_are_422(client, karlstad):
    assert client.get("/api/proposals/1780/99999999999").status_code == 422
    assert client.get("/api/proposals/1780/", {"grade": 40}).status_code == 422
    assert client.get("/api/proposals/1780/", {"limit": 0}).status_code == 422
    assert client.get("/api/proposals/9999/totals").status_code == 404


def test_the_totals_are_open(client, assigned):
    data = client.get("/api/proposals/1780/totals").json()
    assert data["total"] == 5 and data["by_state"]["assigned"] == 5


def test_a_contact_address_that_is_no_e_mail_is_422(client, karlstad):
    r = client.post(
        "/api/proposals/1780/submit",
        {"channel": "citizen", "text": "Fler bussar", "contact_email": "inte en adress"},
        content_type="application/json",
    )
    assert r.status_code == 422 and "contact_email" in r.json()["errors"]


def test_the_list_downloads_for_swedish_excel_without_contact_details(client, karlstad):
    from tests.engagement.proposal_factories import SECRET_EMAIL, citizen_proposal

    citizen_proposal(karlstad, text="Fler bussar, tätare turer")
    r = client.get("/kommun/1780/forslag/", {"format": "csv", "kanal": "citizen"})
    body = r.content.decode("utf-8-sig")
    assert r["Content-Type"].startswith("text/csv") and r.content.startswith(b"\xef\xbb\xbf")
    assert body.splitlines()[0].startswith("Nummer;Kanal;Förslag")
    assert ";Fler bussar, tätare turer;" in body and SECRET_EMAIL not in body
    assert client.get("/kommun/1780/forslag/", {"format": "pdf"}).status_code == 400
