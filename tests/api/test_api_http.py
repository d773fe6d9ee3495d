"""The API's HTTP rules through the API (docs/api.md): versions, ETag/304, Cache-Control and Vary,
paged lists with a total, rate limits."""

import pytest
from django.test import Client

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import Commitment
from tests.contracts.factories import CommitmentInputFactory

COMMITMENTS = "/api/v1/contracts/1780/versions/2023/commitments"


@pytest.fixture
def published_2023(version_2023):
    version_2023.is_published = True
    version_2023.save(update_fields=["is_published"])
    return version_2023


# Versions ---------------------------------------------------------------------------------


def test_api_and_api_v1_answer_the_same(client, published_2023):
    v1 = client.get(COMMITMENTS)
    current = client.get(COMMITMENTS.replace("/api/v1/", "/api/"))
    assert v1.status_code == current.status_code == 200
    assert v1.json() == current.json() and len(v1.json()) == 3
    assert v1["ETag"] == current["ETag"]


def test_both_schemas_name_the_canonical_v1_paths(client):
    for url in ("/api/openapi.json", "/api/v1/openapi.json"):
        paths = client.get(url).json()["paths"]
        assert "/api/v1/contracts/{code}/versions/{year}/commitments" in paths
        assert not [p for p in paths if not p.startswith("/api/v1/")]
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/docs").status_code == 200


def test_writes_answer_under_api_without_a_redirect(editor_client, version_2023, karlstad):
    body = {"title": "Laddstolpar", "section": "mobility", "status": "planned"}
    for base in ("/api/", "/api/v1/"):
        url = f"{base}contracts/1780/versions/2023/commitments"
        r = editor_client.post(url, body, content_type="application/json")
        assert r.status_code == 201, r.content
    assert Commitment.objects.filter(title="Laddstolpar").count() == 2


# ETag, 304, Cache-Control, Vary -------------------------------------------------------------


def test_a_get_carries_an_etag_and_an_unchanged_answer_is_304(client, published_2023):
    first = client.get(COMMITMENTS)
    tag = first["ETag"]
    assert tag.startswith('"') and tag.endswith('"') and len(tag) > 20
    again = client.get(COMMITMENTS, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == tag
    weak = client.get(COMMITMENTS, HTTP_IF_NONE_MATCH=f'"other", W/{tag}')
    assert weak.status_code == 304
    assert client.get(COMMITMENTS, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_change_gives_a_new_etag(editor_client, published_2023, editor):
    tag = editor_client.get(COMMITMENTS)["ETag"]
    services.create_commitment(
        editor, published_2023, CommitmentInputFactory(version=published_2023, title="Ny")
    )
    changed = editor_client.get(COMMITMENTS, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert "Ny" in [c["title"] for c in changed.json()]


def test_cache_control_is_private_for_authenticated_answers(client, editor, published_2023):
    public = client.get(COMMITMENTS)
    assert "public" in public["Cache-Control"] and "private" not in public["Cache-Control"]
    for header in ("Cookie", "Authorization", "Accept-Language"):
        assert header in public["Vary"]
    token = client.get(COMMITMENTS, HTTP_AUTHORIZATION="Bearer x")
    assert "private" in token["Cache-Control"] and "public" not in token["Cache-Control"]
    client.force_login(editor)
    mine = client.get(COMMITMENTS)
    assert "private" in mine["Cache-Control"] and "public" not in mine["Cache-Control"]
    assert "Cookie" in mine["Vary"]
    not_modified = client.get(COMMITMENTS, HTTP_IF_NONE_MATCH=mine["ETag"])
    assert not_modified.status_code == 304 and "private" in not_modified["Cache-Control"]


def test_an_etag_never_tells_another_user_of_a_change_to_a_draft(
    client, outsider, editor, contract_version_factory, karlstad
):
    """The outsider's tag covers only what the outsider reads: a change to the draft keeps their
    304, and the members' tag (their body holds the draft) is another one."""
    published = contract_version_factory(municipality=karlstad, year=2022)
    published.is_published = True
    published.save(update_fields=["is_published"])
    draft = contract_version_factory(municipality=karlstad, year=2023)
    contract_url = "/api/v1/contracts/1780"
    draft_url = "/api/v1/contracts/1780/versions/2023/commitments"

    other = Client()
    other.force_login(outsider)
    seen = other.get(contract_url)
    assert [v["year"] for v in seen.json()["versions"]] == [2022]
    assert other.get(draft_url).status_code == 404 and "ETag" not in other.get(draft_url)

    member = Client()
    member.force_login(editor)
    member_tag = member.get(contract_url)["ETag"]
    assert member_tag != seen["ETag"]
    draft_tag = member.get(draft_url)["ETag"]

    services.create_commitment(
        editor, draft, CommitmentInputFactory(version=draft, title="Hemligt utkast")
    )
    after = other.get(contract_url, HTTP_IF_NONE_MATCH=seen["ETag"])
    assert after.status_code == 304
    assert Client().get(contract_url)["ETag"] == seen["ETag"]  # the public's body, the same tag
    assert member.get(draft_url, HTTP_IF_NONE_MATCH=draft_tag).status_code == 200
    assert other.get(draft_url, HTTP_IF_NONE_MATCH=draft_tag).status_code == 404


def test_errors_and_writes_carry_no_etag(client, editor_client, published_2023):
    assert "ETag" not in client.get("/api/v1/contracts/9999").headers
    r = editor_client.post(
        COMMITMENTS, {"title": "X", "section": "mobility"}, content_type="application/json"
    )
    assert r.status_code == 201 and "ETag" not in r.headers


# Lists --------------------------------------------------------------------------------------


def test_a_list_is_paged_in_a_stable_order_with_its_total(client, published_2023, editor):
    for n in range(4, 8):
        one = CommitmentInputFactory(version=published_2023, title=f"C{n}")
        services.create_commitment(editor, published_2023, one)
    whole = client.get(COMMITMENTS)
    assert whole["X-Total-Count"] == "7" and len(whole.json()) == 7
    ids = [c["id"] for c in whole.json()]
    pages = [client.get(COMMITMENTS, {"limit": 3, "offset": o}) for o in (0, 3, 6)]
    assert [p["X-Total-Count"] for p in pages] == ["7", "7", "7"]
    assert [c["id"] for p in pages for c in p.json()] == ids
    assert client.get(COMMITMENTS, {"offset": 7}).json() == []
    assert client.get(COMMITMENTS.replace("/v1", ""), {"limit": 2})["X-Total-Count"] == "7"


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": 0}, "limit"), ({"limit": 1001}, "limit"), ({"offset": -1}, "offset")],
)
def test_paging_outside_its_range_is_422(client, published_2023, query, field):
    r = client.get(COMMITMENTS, query)
    assert r.status_code == 422 and field in r.json()["errors"]


def test_proposals_and_calls_give_their_total(client, karlstad):
    r = client.get("/api/v1/proposals/1780/", {"limit": 1})
    assert r.status_code == 200 and r["X-Total-Count"] == "0"
    assert client.get("/api/v1/calls/")["X-Total-Count"] == "0"
    assert client.get("/api/v1/local-contracts/1780/signatories").status_code in (200, 404)


# Rate limits --------------------------------------------------------------------------------


@pytest.fixture
def low_limits(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 3
    settings.API_RATE_LIMIT_AUTHENTICATED = 5
    return settings


def test_anonymous_use_is_limited_per_address_with_retry_after(client, low_limits, karlstad):
    url = "/api/v1/organisations/counties"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    r = client.get(url)
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 60
    assert "3" in r.json()["detail"] and r.json()["errors"] is None
    assert Client(REMOTE_ADDR="10.0.0.2").get(url).status_code == 200  # another address
    assert client.get("/healthz").status_code != 429  # only the API is limited


def test_users_and_tokens_have_their_own_allowance(client, low_limits, editor, karlstad):
    url = "/api/v1/organisations/counties"
    for _ in range(3):
        client.get(url)
    assert client.get(url).status_code == 429
    client.force_login(editor)
    assert [client.get(url).status_code for _ in range(5)] == [200] * 5
    assert client.get(url).status_code == 429
    token = Client(REMOTE_ADDR="10.0.0.3", HTTP_AUTHORIZATION="Bearer abc")
    assert token.get(url).status_code != 429


def test_a_429_is_documented_on_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    ops = [op for methods in schema["paths"].values() for op in methods.values()]
    assert ops and all("429" in op["responses"] for op in ops)
