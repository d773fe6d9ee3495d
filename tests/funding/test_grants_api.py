"""The grants API: the portfolio as the CLI prints it, the list, and writes with an editor."""

import pytest
from django.test import Client

from klimatkontrakt.funding.models import Grant


@pytest.fixture
def grants(grant_factory, karlstad):
    grant_factory(municipality=karlstad, funder_name="Vinnova", year=2023)
    grant_factory(municipality=karlstad, funder_name="Formas", year=2024, amount_sek=50000)
    return grant_factory(municipality=karlstad, match="name", review="pending")


def test_the_portfolio_and_list(client, grants):
    p = client.get("/api/grants/1780/portfolio").json()
    assert p["total_sek"] == 150000.0 and p["by_funder"] == {"Vinnova": 100000.0, "Formas": 50000.0}
    assert p["by_year"] == {"2023": 100000.0, "2024": 50000.0} and p["unmatched"] == 1
    rows = client.get("/api/grants/1780/", {"year": 2024}).json()
    assert [r["funder"] for r in rows] == ["Formas"]
    assert client.get("/api/grants/1780/", {"year": 99999}).status_code == 422
    assert client.get("/api/grants/1780/", {"limit": 0}).status_code == 422
    assert client.get("/api/grants/9999/portfolio").status_code == 404


def test_the_national_view(client, grants, karlstad):
    karlstad.in_climate_contract = True
    karlstad.save()
    body = client.get("/api/grants/national", {"year": 2023}).json()
    (city,) = body["cities"]
    assert city["total_sek"] == 100000.0 and body["funders"] == ["Vinnova"]
    assert client.get("/api/grants/national", {"year": "nan"}).status_code == 422


def test_review_needs_an_editor_of_the_city(grants, editor, outsider):
    c = Client()
    url = f"/api/grants/1780/{grants.pk}/review"
    assert c.post(url, {"decision": "accept"}, content_type="application/json").status_code == 401
    c.force_login(outsider)
    assert c.post(url, {"decision": "accept"}, content_type="application/json").status_code == 403
    c.force_login(editor)
    assert c.post(url, {"decision": "maybe"}, content_type="application/json").status_code == 422
    r = c.post(url, {"decision": "accept"}, content_type="application/json")
    assert r.status_code == 200
    assert Grant.objects.get(pk=grants.pk).review == "accepted"


def test_link_to_a_measure(grants, editor, measure_factory, investment_plan_factory, karlstad):
    counted = Grant.objects.filter(review="automatic").first()
    measure = measure_factory(plan=investment_plan_factory(municipality=karlstad))
    c = Client()
    c.force_login(editor)
    url = f"/api/grants/1780/{counted.pk}/measures"
    assert c.post(url, {"measure_id": 2**31}, content_type="application/json").status_code == 422
    assert (
        c.post(url, {"measure_id": measure.pk + 1000}, content_type="application/json").status_code
        == 422
    )
    r = c.post(url, {"measure_id": measure.pk}, content_type="application/json")
    assert r.json() == {"measure_id": measure.pk, "years": [counted.year]}
