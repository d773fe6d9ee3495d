"""/api/reports/: list, data, and the lifecycle for editors only."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_editor_runs_the_lifecycle_through_the_api(editor_client, karlstad_work):
    r = editor_client.post("/api/reports/1780/2024")
    assert r.status_code == 201 and r.json()["state"] == "draft"
    assert editor_client.post("/api/reports/1780/2024/publish").status_code == 409
    assert editor_client.post("/api/reports/1780/2024/approve").json()["state"] == "approved"
    assert editor_client.post("/api/reports/1780/2024").status_code == 409
    assert editor_client.post("/api/reports/1780/2024/publish").json()["is_published"] is True
    data = editor_client.get("/api/reports/1780/2024").json()["data"]
    assert data["indicators"][0]["name"] == "Andel elbilar"


def test_public_sees_only_published_reports(editor_client, draft):
    client = Client()
    assert client.get("/api/reports/", {"municipality": "1780"}).json() == []
    assert client.get("/api/reports/1780/2024").status_code == 404
    assert [r["year"] for r in editor_client.get("/api/reports/?municipality=1780").json()] == [
        2024
    ]


def test_writes_need_a_login_and_the_editor_role(client, viewer, karlstad_work):
    assert client.post("/api/reports/1780/2024").status_code == 401
    client.force_login(viewer)
    assert client.post("/api/reports/1780/2024").status_code == 403
