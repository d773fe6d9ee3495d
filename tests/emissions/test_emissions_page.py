"""The municipality emissions page and its chart downloads."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from klimatkontrakt.emissions import selectors
from klimatkontrakt.organisations.models import Municipality


def test_page_shows_key_figures_charts_and_sources(client, demo_emissions):
    response = client.get("/kommun/1780/utslapp/")
    assert response.status_code == 200
    html = response.content.decode()
    budget = selectors.municipality_budget(Municipality.objects.get(code="1780"))
    # The same numbers as the API and CLI, in Swedish number format.
    whole = f"{round(budget['budget_t']):,}".replace(",", "\u00a0")
    assert whole in html
    assert budget["budget_runs_out"] in html
    for chart in ("history", "budget", "comparison"):
        assert f'id="chart-{chart}-caption"' in html
        assert f"/kommun/1780/utslapp/data/{chart}/?gas=CO2&amp;method=cemus-2023" in html
    assert html.count("<svg") >= 3
    assert 'id="chart-gap-caption"' not in html  # the demo goal is set for GGT, not CO2
    assert "Länsrapport, 2024-04-18" in html
    assert "demo-smhi-co2-2024-04-18.csv" in html


def test_page_for_greenhouse_gases_and_carbon_law(client, demo_emissions):
    response = client.get("/kommun/1780/utslapp/?gas=GGT&method=carbon-law")
    html = response.content.decode()
    assert response.status_code == 200
    assert "t CO2e" in html and "demo-smhi-ggt-klimatkollen.csv" in html
    assert "11,7" in html  # the carbon law's 11.72 % a year, Swedish decimal comma
    assert 'id="chart-gap-caption"' in html
    assert "Klimatneutrala Karlstad 2030 (demo)" in html


def test_downloads_serve_the_chart_rows(client, demo_emissions):
    response = client.get("/kommun/1780/utslapp/data/history/?gas=GGT&format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-history-GGT-2026-06-25.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["År", "Sektor"] or rows[0][:2] == ["Year", "Sector"]
    transport_2024 = next(r for r in rows if r[0] == "2024" and r[1] == "Transporter")
    assert float(transport_2024[2].replace(",", ".")) > 100_000  # road transport, t CO2e
    response = client.get("/kommun/1780/utslapp/data/comparison/?gas=GGT&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][:3] == (2015, "Karlstad", 100)
    assert "SMHI" in str(values[-1][0])  # the source is written under the table


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/kommun/1780/utslapp/data/pie/?format=csv", 404),
        ("/kommun/1780/utslapp/data/history/?format=pdf", 400),
        ("/kommun/1780/utslapp/?method=astrology", 404),
        ("/kommun/1780/utslapp/?gas=SF6", 404),
        ("/kommun/9999/utslapp/", 404),
    ],
)
def test_bad_requests(client, demo_emissions, url, status):
    assert client.get(url).status_code == status


def test_page_without_any_release(client, municipalities):
    response = client.get("/kommun/1780/utslapp/")
    assert response.status_code == 200
    assert "SMHI" in response.content.decode()


def test_unpublished_goal_is_only_for_members(
    client, demo_emissions, karlstad_editor, stockholm_editor
):
    from klimatkontrakt.emissions import services

    karlstad = Municipality.objects.get(code="1780")
    services.save_goal(
        karlstad_editor,
        karlstad,
        name="Utkast: halvering 2028",
        target_year=2028,
        share_of_base=0.5,
        base_year=2015,
        gas="CO2",
    )
    assert "Utkast: halvering 2028" not in client.get("/kommun/1780/utslapp/").content.decode()
    client.force_login(stockholm_editor)
    assert "Utkast: halvering 2028" not in client.get("/kommun/1780/utslapp/").content.decode()
    client.force_login(karlstad_editor)
    assert "Utkast: halvering 2028" in client.get("/kommun/1780/utslapp/").content.decode()


def test_fixed_method_without_an_adopted_budget_says_why(client, demo_emissions):
    response = client.get("/kommun/1780/utslapp/?method=fixed")
    assert response.status_code == 200
    html = response.content.decode()
    assert "budget_t &gt; 0" in html
    assert 'id="chart-budget-caption"' not in html
    assert 'id="chart-history-caption"' in html
    download = client.get("/kommun/1780/utslapp/data/budget/?method=fixed&format=csv")
    assert download.status_code == 400


def test_page_with_a_year_out_of_range_says_why(client, demo_emissions):
    html = client.get("/kommun/1780/utslapp/?year=99999").content.decode()
    assert "between 2000 and 2049" in html
