import pytest

from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.selectors import summarise
from tests.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def _indicator(muni, published=True) -> Indicator:
    return IndicatorFactory(
        municipality=muni,
        name="Elbilar" if published else "Utkast",
        unit="%",
        direction="up",
        is_published=published,
        values={2020: 1.0, 2021: 2.0, 2022: 3.0},
        values__provenance="hand",
        values__fetched_at="2025-01-01T00:00:00Z",
        targets={2025: 10.0},
    )


def test_list_gives_the_same_status_as_the_page(client, karlstad):
    indicator = _indicator(karlstad)
    data = client.get("/api/indicators/", {"municipality": "1780"}).json()
    [row] = data
    expected = summarise(indicator).assessment
    assert row["status"] == expected.status == "off_track"
    assert row["expected_value"] == pytest.approx(expected.expected_value)
    assert row["trend_slope_per_year"] == pytest.approx(1.0)
    assert (row["latest_year"], row["latest_value"]) == (2022, 3.0)
    assert (row["target_year"], row["target_value"]) == (2025, 10.0)


def test_detail_lists_years_with_provenance(client, karlstad):
    indicator = _indicator(karlstad)
    data = client.get(f"/api/indicators/{indicator.pk}/", {"municipality": "1780"}).json()
    years = {y["year"]: y for y in data["years"]}
    assert years[2021]["value"] == 2.0 and years[2021]["provenance"] == "hand"
    assert years[2025]["target"] == 10.0
    assert years[2025]["trend"] == pytest.approx(6.0)


def test_unpublished_is_hidden_from_the_public_and_other_cities(client, karlstad, viewer, outsider):
    hidden = _indicator(karlstad, published=False)
    url = f"/api/indicators/{hidden.pk}/"
    assert client.get("/api/indicators/", {"municipality": "1780"}).json() == []
    assert client.get(url, {"municipality": "1780"}).status_code == 404
    client.force_login(outsider)
    assert client.get(url, {"municipality": "1780"}).status_code == 404
    client.force_login(viewer)
    assert client.get(url, {"municipality": "1780"}).json()["name"] == "Utkast"


def test_unknown_municipality_is_404(client, db):
    assert client.get("/api/indicators/", {"municipality": "9999"}).status_code == 404


def test_schema_documents_the_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/indicators/" in paths
    assert "/api/v1/indicators/{indicator_id}/" in paths
