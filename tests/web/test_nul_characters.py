"""A NUL character in a request is refused before it reaches the database (PostgreSQL answers
text with NUL with an error, which was a 500: found by fuzzing the API on PostgreSQL)."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_api_query_with_nul_is_422_in_the_error_shape(client, municipality_factory):
    municipality_factory(code="1780")
    response = client.get("/api/emissions/1780/budget", {"method": "cemus\x00-2023"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Invalid input" and "query" in body["errors"]


def test_api_json_body_with_nul_is_422(client, user_factory, municipality_factory):
    muni = municipality_factory(code="1780")
    editor = user_factory(username="redaktor", member_of=muni, member_of__role="editor")
    client.force_login(editor)
    response = client.post(
        "/api/goals/",
        data=json.dumps({"title": "Mål\u0000", "municipality": "1780"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "body" in response.json()["errors"]


def test_page_query_with_nul_is_400_not_500(client, municipality_factory):
    municipality_factory(code="1780")
    response = client.get("/kommun/1780/utslapp/", {"gas": "GG\x00T"})
    assert response.status_code == 400


def test_ordinary_requests_pass(client, municipality_factory):
    municipality_factory(code="1780")
    assert client.get("/api/municipalities/1780/summary").status_code == 200
