"""The local contract in the API: published data open to read, writes for editors, every input
checked (422, never a 500)."""

from klimatkontrakt.engagement.models import Signatory, StandardPledge
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import report

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory

API = "/api/local-contracts/1780"
J = "application/json"


def test_reads(client, signatory):
    report(signatory.pledges.first(), 2024, "3")
    contract = client.get(API).json()
    assert contract["version"]["number"] == 1 and len(contract["catalogue"]) == 3
    assert contract["min_pledges"] == 2
    (shown,) = client.get(f"{API}/signatories").json()
    assert shown["name"] == signatory.name and "contact_email" not in shown
    totals = client.get(f"{API}/totals", {"year": 2024}).json()
    assert totals["reported_reduction_t"]["total"] == 3.0


def test_no_published_contract_is_404(client, karlstad):
    assert client.get(API).status_code == 404


def test_editor_writes(client, editor, signatory, version_2023, commitment_input_factory):
    from klimatkontrakt.contracts import services as contracts

    client.force_login(editor)
    r = client.post(f"{API}/versions", {"title": "V2", "text": "Ny text"}, content_type=J)
    assert r.status_code == 201 and r.json()["state"] == "draft"
    assert client.post(f"{API}/versions/2/publish", content_type=J).json()["state"] == "published"
    r = client.post(f"{API}/catalogue", {"title": "Cykla", "sector": "Transporter",
                    "unit": "st", "default_t_per_unit": 0.1, "default_source": "Egen"},
                    content_type=J)  # fmt: skip
    assert r.status_code == 201 and StandardPledge.objects.filter(title="Cykla").exists()
    Signatory.objects.filter(pk=signatory.pk).update(state="confirmed")
    r = client.post(f"{API}/signatories/{signatory.pk}/decision", {"approve": True}, content_type=J)
    assert r.json() == {"state": "approved"}
    c = contracts.create_commitment(
        editor, version_2023, commitment_input_factory(version=version_2023)
    )
    pledge = signatory.pledges.first()
    r = client.put(f"{API}/pledges/{pledge.pk}/links", {"commitment_ids": [c.pk]}, content_type=J)
    assert r.status_code == 200 and r.json()["commitment_ids"] == [c.pk]


def test_bad_input_is_422(client, editor, signatory, other_municipality):
    client.force_login(editor)
    bad = [
        ("post", f"{API}/catalogue", {"title": "X", "sector": "Rymden", "unit": "st"}),
        ("post", f"{API}/catalogue", {"title": "X", "sector": "Transporter", "unit": "st",
                                      "default_t_per_unit": -1}),
        ("post", f"{API}/catalogue", {"title": "X", "sector": "Transporter", "unit": "st",
                                      "default_t_per_unit": 1}),  # no source
        ("post", f"{API}/versions", {"title": "", "text": ""}),
        ("put", f"{API}/pledges/{signatory.pledges.first().pk}/links", {"action_ids": [999999]}),
    ]  # fmt: skip
    for method, url, body in bad:
        assert getattr(client, method)(url, body, content_type=J).status_code == 422, body
    assert client.get(f"{API}/totals", {"year": 99999}).status_code == 422
    assert client.get(f"{API}/totals", {"year": "nan"}).status_code == 422
