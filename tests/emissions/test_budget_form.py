"""Editors record a carbon budget the municipality adopted; the page computes it as "fixed"."""

from __future__ import annotations

import pytest

from klimatkontrakt.emissions import selectors
from klimatkontrakt.emissions.models import CarbonBudget
from klimatkontrakt.organisations.models import Municipality

URL = "/kommun/1780/utslapp/budget/ny/"
GOOD = {
    "name": "Kommunfullmäktiges koldioxidbudget",
    "gas": "CO2",
    "budget_t": "400000",
    "start_year": "2024",
    "trend_from": "2015",
}


def test_editor_adopts_a_budget_and_the_page_computes_it(client, demo_emissions, karlstad_editor):
    client.force_login(karlstad_editor)
    page = client.get("/kommun/1780/utslapp/?gas=CO2&method=fixed").content.decode()
    assert URL in page
    assert 'class="message error"' in page  # no adopted budget yet: "fixed" cannot be computed
    response = client.post(URL, {**GOOD, "visibility": "public"})
    assert response.status_code == 302
    assert response["Location"] == "/kommun/1780/utslapp/?gas=CO2&method=fixed"
    budget = CarbonBudget.objects.get(name=GOOD["name"])
    assert budget.method == "fixed"
    assert budget.parameters == {
        "budget_t": 400000.0,
        "start_year": 2024,
        "trend_from": 2015,
        "deduct_process_emissions": False,
    }
    client.logout()
    json = client.get("/api/emissions/1780/budget?method=fixed&gas=CO2").json()
    assert json["parameters"]["budget_t"] == pytest.approx(400000.0)
    assert 0 < json["budget_t"] < 400000  # what is left after the emissions since 2024
    page = client.get("/kommun/1780/utslapp/?gas=CO2&method=fixed").content.decode()
    assert 'class="message error"' not in page
    assert 'class="figures"' in page


def test_the_latest_budget_of_the_page_gas_counts(client, demo_emissions, karlstad_editor):
    client.force_login(karlstad_editor)
    client.post(URL, {**GOOD, "name": "Äldre", "budget_t": "500000", "visibility": "public"})
    client.post(URL, {**GOOD, "name": "Ny", "budget_t": "300000", "visibility": "public"})
    client.post(URL, {**GOOD, "name": "GGT", "gas": "GGT", "budget_t": "9", "visibility": "public"})
    client.logout()
    newest = client.get("/api/emissions/1780/budget?method=fixed&gas=CO2").json()
    assert newest["parameters"]["budget_t"] == pytest.approx(300000.0)
    older = selectors.municipality_budget(
        Municipality.objects.get(code="1780"),
        method="fixed",
        gas="CO2",
        budget_t=500000.0,
        start_year=2024,
        trend_from=2015,
    )
    # Same emissions since 2024 are deducted from both: the remainders differ by the inputs.
    assert older["budget_t"] - newest["budget_t"] == pytest.approx(200000.0)


def test_an_unpublished_budget_is_seen_only_by_the_municipality(
    client, demo_emissions, karlstad_editor, stockholm_editor
):
    client.force_login(karlstad_editor)
    client.post(URL, GOOD)
    assert client.get("/api/emissions/1780/budget?method=fixed&gas=CO2").status_code == 200
    client.force_login(stockholm_editor)
    page = client.get("/kommun/1780/utslapp/?gas=CO2&method=fixed").content.decode()
    assert 'class="message error"' in page
    assert 'class="figures"' not in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"budget_t": "0"}, "budget_t"),
        ({"budget_t": "många"}, "budget_t"),
        ({"start_year": ""}, "start_year"),
    ],
)
def test_invalid_budget_is_refused(client, demo_emissions, karlstad_editor, change, field):
    client.force_login(karlstad_editor)
    response = client.post(URL, {**GOOD, **change})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert f'id="id_{field}"' in response.content.decode()
    assert not CarbonBudget.objects.filter(name=GOOD["name"]).exists()


def test_only_editors_of_the_municipality(client, demo_emissions, stockholm_editor):
    assert client.get(URL).status_code == 403
    assert client.post(URL, GOOD).status_code == 403
    client.force_login(stockholm_editor)
    assert client.post(URL, GOOD).status_code == 403
    assert "budget/ny" not in client.get("/kommun/1780/utslapp/").content.decode()
    assert not CarbonBudget.objects.exists()
