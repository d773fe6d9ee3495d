import pytest
from django.test import Client

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import Commitment


@pytest.fixture
def api_client(editor):
    c = Client(enforce_csrf_checks=True)
    c.force_login(editor)
    c.get("/")  # a page with a form sets the CSRF cookie
    token = c.cookies["csrftoken"].value
    c.defaults["HTTP_X_CSRFTOKEN"] = token
    return c


def test_read_version_and_commitments(client, version_2023, editor):
    services.sign_version(editor, version_2023)
    assert client.get("/api/contracts/1780").json()["versions"][0]["state"] == "signed"
    data = client.get("/api/contracts/1780/versions/2023").json()
    assert [p["name"] for p in data["parties"]] == ["Karlstad kommun", "Formas", "Viable Cities"]
    assert [s["key"] for s in data["sections"]][:3] == ["purpose", "parties", "municipality"]
    assert [c["title"] for c in data["commitments"]] == ["Åtagande 1", "Åtagande 2", "Åtagande 3"]
    one = data["commitments"][0]
    assert client.get(f"/api/contracts/1780/commitments/{one['id']}").json() == one


def test_create_and_update_through_the_api(api_client, version_2023, karlstad):
    dept = karlstad.departments.first()
    r = api_client.post(
        "/api/contracts/1780/versions/2023/commitments",
        {
            "title": "Fossilfria arbetsmaskiner",
            "section": "mobility",
            "status": "planned",
            "planned_year": 2025,
            "responsible_department_id": dept.pk,
            "tags": ["fordon"],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    created = r.json()
    assert created["section"] == "mobility" and created["responsible_department"] == dept.name
    r = api_client.patch(
        f"/api/contracts/1780/commitments/{created['id']}",
        {"edit_version": created["edit_version"], "status": "in_progress"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "in_progress"
    stale = api_client.patch(
        f"/api/contracts/1780/commitments/{created['id']}",
        {"edit_version": created["edit_version"], "title": "Gammalt"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert Commitment.objects.get(pk=created["id"]).title == "Fossilfria arbetsmaskiner"


def test_api_errors_name_the_field(api_client, version_2023):
    r = api_client.post(
        "/api/contracts/1780/versions/2023/commitments",
        {"title": "X", "section": "nonsense", "status": "nope"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"section", "status"}
    r = api_client.post(
        "/api/contracts/1780/versions/2023/commitments",
        {"section": "goal"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert "title" in str(r.json())
    assert Commitment.objects.filter(version=version_2023).count() == 3


def test_signed_version_answers_409(api_client, version_2023, editor):
    services.sign_version(editor, version_2023)
    r = api_client.post(
        "/api/contracts/1780/versions/2023/commitments",
        {"title": "Sent"},
        content_type="application/json",
    )
    assert r.status_code == 409
    assert "signed" in r.json()["detail"] or "signerad" in r.json()["detail"]


def test_writes_need_login_csrf_and_role(client, version_2023, viewer):
    url = "/api/contracts/1780/versions/2023/commitments"
    assert client.post(url, {"title": "X"}, content_type="application/json").status_code == 401
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(viewer)
    assert csrf_client.post(url, {"title": "X"}, content_type="application/json").status_code in (
        401,
        403,
    )
    client.force_login(viewer)
    assert client.post(url, {"title": "X"}, content_type="application/json").status_code == 403
    assert Commitment.objects.filter(version=version_2023).count() == 3


def test_openapi_schema_lists_the_contract_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/contracts/{code}/versions/{year}/commitments" in schema["paths"]
    assert "patch" in schema["paths"]["/api/v1/contracts/{code}/commitments/{pk}"]
