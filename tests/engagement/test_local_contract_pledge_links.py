"""An editor links a pledge to the contract commitments and actions it supports; the public API
lists only links to what is published."""

from tests.engagement import local_contract_factories as factories

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory


def test_links_through_the_page(
    editor_client, client, editor, signatory, version_2023, commitment_input_factory,
    action_factory,
):  # fmt: skip
    from klimatkontrakt.contracts import services as contracts

    c = contracts.create_commitment(
        editor, version_2023, commitment_input_factory(version=version_2023, title="Fler avtal")
    )
    action = action_factory(plan__municipality=signatory.contract.municipality)
    pledge = signatory.pledges.order_by("pk").first()
    url = f"/kommun/1780/lokalt-klimatkontrakt/atagande/{pledge.pk}/lankar/"
    assert "Fler avtal" in editor_client.get(url).content.decode()
    r = editor_client.post(url, {"commitments": [c.pk], "actions": [action.pk]})
    assert r.status_code == 302
    assert list(pledge.commitments.all()) == [c] and list(pledge.actions.all()) == [action]
    # A draft contract version's commitment stays hidden; the published plan's action shows.
    type(version_2023).objects.filter(pk=version_2023.pk).update(is_published=False)
    type(action.plan).objects.filter(pk=action.plan_id).update(is_published=True)
    shown = client.get("/api/local-contracts/1780/signatories").json()[0]["pledges"]
    linked = next(p for p in shown if p["id"] == pledge.pk)
    assert linked["commitment_ids"] == [] and linked["action_ids"] == [action.pk]


def test_another_municipalitys_commitment_is_no_choice(
    editor_client, editor, signatory, other_municipality, contract_version_factory,
    commitment_input_factory, user_factory,
):  # fmt: skip
    from klimatkontrakt.contracts import services as contracts

    theirs = contract_version_factory(municipality=other_municipality, year=2023)
    stranger = user_factory(username="sthlm", member_of=other_municipality)
    c = contracts.create_commitment(stranger, theirs, commitment_input_factory(version=theirs))
    pledge = signatory.pledges.first()
    url = f"/kommun/1780/lokalt-klimatkontrakt/atagande/{pledge.pk}/lankar/"
    r = editor_client.post(url, {"commitments": [c.pk]})
    assert r.status_code == 200 and not pledge.commitments.exists()
