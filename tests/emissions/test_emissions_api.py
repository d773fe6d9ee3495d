"""Emissions in the JSON API: the same figures as the page and the CLI."""

from __future__ import annotations

import json

import pytest

from klimatkontrakt.emissions import selectors
from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.organisations.models import Municipality


def test_releases_and_methods(client, demo_emissions):
    releases = client.get("/api/emissions/releases").json()
    assert {r["gas"] for r in releases} == {"CO2", "GGT"}
    assert all(r["is_current"] for r in releases)
    methods = client.get("/api/emissions/methods").json()
    assert {m["name"] for m in methods} == {"cemus-2023", "carbon-law", "fixed"}
    law = next(m for m in methods if m["name"] == "carbon-law")
    assert law["parameters"]["reduction_rate"] == 0.1172


def test_budget_equals_the_selector_used_by_page_and_cli(client, demo_emissions):
    data = client.get("/api/emissions/1780/budget?current_year=2024").json()
    karlstad = Municipality.objects.get(code="1780")
    assert data == json.loads(
        json.dumps(selectors.municipality_budget(karlstad, current_year=2024))
    )
    assert data["source"]["release"] == "2024-04-18"
    everyone = client.get("/api/emissions/budgets?current_year=2024").json()
    assert len(everyone) == 290
    karlstad_row = next(b for b in everyone if b["municipality"] == "1780")
    assert karlstad_row["budget_t"] == data["budget_t"]


def test_history_comparison_and_gap(client, demo_emissions):
    history = client.get("/api/emissions/1780/history?gas=GGT").json()
    assert history["columns"] == ["year", "sector", "tonnes"]
    assert history["source"]["gas"] == "GGT"
    comparison = client.get("/api/emissions/1780/comparison?gas=GGT").json()
    areas = {r["area"] for r in comparison["rows"]}
    assert {"Karlstad", "Värmlands län"} <= areas and len(areas) == 3 + 5
    gap = client.get("/api/emissions/1780/gap?gas=GGT").json()
    assert {r["year"] for r in gap["rows"]} == set(range(2025, 2031))


@pytest.mark.parametrize(
    "url",
    ["/api/emissions/1780/budget?gas=CH4", "/api/emissions/9999/budget"],
)
def test_not_found(client, demo_emissions, url):
    assert client.get(url).status_code == 404


def test_unknown_method_is_422(client, demo_emissions):
    assert client.get("/api/emissions/1780/budget?method=guess").status_code == 422


def test_goals_need_an_editor_of_that_municipality(
    client, demo_emissions, karlstad_editor, stockholm_editor
):
    goal = {"name": "Halvering 2030", "target_year": 2030, "share_of_base": 0.5, "base_year": 2015}
    post = lambda: client.post(  # noqa: E731
        "/api/emissions/1780/goals", data=json.dumps(goal), content_type="application/json"
    )
    assert post().status_code == 401
    client.force_login(stockholm_editor)
    assert post().status_code == 403
    client.force_login(karlstad_editor)
    response = post()
    assert response.status_code == 201
    assert response.json()["is_published"] is False
    assert Goal.objects.filter(name="Halvering 2030").count() == 1
    bad = client.post(
        "/api/emissions/1780/goals",
        data=json.dumps({"name": "x", "target_year": 2030}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    client.logout()
    names = {g["name"] for g in client.get("/api/emissions/1780/goals").json()}
    assert "Halvering 2030" not in names  # unpublished: members only


def test_an_adopted_fixed_budget_is_used_by_api_and_page(client, demo_emissions, karlstad_editor):
    client.force_login(karlstad_editor)
    body = {
        "name": "Kommunfullmäktiges budget",
        "method": "fixed",
        "parameters": {"budget_t": 1_200_000, "start_year": 2024},
        "is_published": True,
    }
    response = client.post(
        "/api/emissions/1780/carbon-budgets", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201
    client.logout()
    data = client.get("/api/emissions/1780/budget?method=fixed&current_year=2024").json()
    assert data["budget_t"] == pytest.approx(1_200_000)
    assert data["parameters"]["budget_t"] == 1_200_000
    listed = client.get("/api/emissions/1780/carbon-budgets").json()
    assert [b["name"] for b in listed] == ["Kommunfullmäktiges budget"]
    page = client.get("/kommun/1780/utslapp/?method=fixed&year=2024").content.decode()
    assert "1\u00a0200\u00a0000" in page


def test_carbon_budget_with_unknown_parameter_is_refused(client, demo_emissions, karlstad_editor):
    client.force_login(karlstad_editor)
    body = {"name": "x", "method": "fixed", "parameters": {"colour": "green"}}
    response = client.post(
        "/api/emissions/1780/carbon-budgets", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert "colour" in response.json()["detail"]


@pytest.mark.parametrize("year", [1800, 2050, 99999])
def test_current_year_out_of_range_is_422(client, demo_emissions, year):
    for url in (
        f"/api/emissions/1780/budget?current_year={year}",
        f"/api/emissions/budgets?current_year={year}",
    ):
        response = client.get(url)
        assert response.status_code == 422
        assert "between 2000 and 2049" in response.json()["detail"]
