"""Another municipality's editor, and an anonymous visitor, cannot approve signatories, read
drafts or contact data, or write anything, through the pages and the API."""

import pytest

from klimatkontrakt.engagement.models import LocalContractVersion, Signatory
from tests.engagement import local_contract_factories as factories

# The fixtures this module uses (pytest finds them by name here).
draft_version = factories.draft_version
local_contract = factories.local_contract
signatory = factories.signatory

URL = "/kommun/1780/lokalt-klimatkontrakt/"
API = "/api/local-contracts/1780"


@pytest.fixture(params=["outsider", "anonymous"])
def intruder(request, client, outsider):
    if request.param == "outsider":
        client.force_login(outsider)
    return client


def test_pages_hide_drafts_and_contact_data(intruder, signatory, draft_version):
    for path in ["", "undertecknare/", "ej-rapporterat/", "redigera/", "redigera/version/2/"]:
        r = intruder.get(URL + path)
        text = r.content.decode()
        assert "HEMLIGT UTKAST" not in text and signatory.contact_email not in text, path
        assert signatory.org_number not in text, path


def test_writes_are_refused(intruder, signatory, draft_version):
    signatory.state = "confirmed"
    signatory.save()
    for path, data in [
        (f"undertecknare/{signatory.pk}/beslut/", {"decision": "approve"}),
        (f"undertecknare/{signatory.pk}/lank/", {}),
        ("redigera/version/2/publicera/", {}),
        ("redigera/version/ny/", {"title": "x", "text": "y"}),
        ("redigera/", {"min_pledges": "9"}),
    ]:
        assert intruder.post(URL + path, data).status_code in (302, 403, 404), path
    j = "application/json"
    assert intruder.post(f"{API}/signatories/{signatory.pk}/decision", {"approve": True},
                         content_type=j).status_code in (401, 403)  # fmt: skip
    assert intruder.post(f"{API}/versions/2/publish", content_type=j).status_code in (401, 403)
    assert Signatory.objects.get().state == "confirmed"
    assert LocalContractVersion.objects.get(number=2).state == "draft"
    assert signatory.contract.min_pledges == 2


def test_the_api_shows_no_contact_data(intruder, signatory):
    response = intruder.get(f"{API}/signatories")
    assert [s["name"] for s in response.json()] == [signatory.name]
    assert signatory.contact_email not in response.content.decode()


def test_a_member_sees_contact_data(client, viewer, signatory):
    client.force_login(viewer)
    assert signatory.contact_email in client.get(URL + "undertecknare/").content.decode()
