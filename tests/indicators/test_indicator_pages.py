import csv
import io

import pytest
from django.urls import reverse

from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.selectors import summarise
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def _indicator(muni, *, published=True, name="Utsläpp per invånare") -> Indicator:
    indicator = IndicatorFactory(
        municipality=muni,
        name=name,
        unit="t/inv",
        direction="down",
        is_published=published,
        source_kind="kolada",
        kolada_kpi="N00401" if published else "N07702",
        targets={2030: 1.0},
    )
    for year, value in {2015: 4.0, 2018: 3.4, 2021: 2.8}.items():
        IndicatorValueFactory(
            indicator=indicator,
            year=year,
            value=value,
            provenance=f"Kolada N00401, 1780: https://api.kolada.se/v3/x?{year}",
            fetched_at="2025-03-01T10:00:00Z",
        )
    return indicator


def test_list_shows_latest_value_target_and_status(client, karlstad):
    indicator = _indicator(karlstad)
    page = client.get(reverse("indicators:list", args=["1780"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert indicator.name in html
    assert "2,80" in html  # Swedish decimal comma
    assert summarise(indicator).assessment.status == "on_track"
    assert "I fas" in html  # "On track" in Swedish
    assert reverse("indicators:detail", args=["1780", indicator.pk]) in html


def test_detail_has_chart_status_and_provenance(client, karlstad):
    indicator = _indicator(karlstad)
    page = client.get(reverse("indicators:detail", args=["1780", indicator.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<svg role="img"' in html
    assert "https://api.kolada.se/v3/x?2021" in html
    a = summarise(indicator).assessment
    assert f"{a.target_year}" in html
    # The status line states the numbers the rule used.
    assert f"{a.expected_value:.2f}".replace(".", ",") in html


def test_unpublished_indicators_are_for_members_only(client, karlstad, viewer, outsider):
    hidden = _indicator(karlstad, published=False, name="Utkast till indikator")
    url = reverse("indicators:detail", args=["1780", hidden.pk])
    listing = reverse("indicators:list", args=["1780"])
    assert client.get(url).status_code == 404
    assert hidden.name not in client.get(listing).content.decode()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    assert hidden.name in client.get(listing).content.decode()


def test_an_indicator_is_only_found_under_its_own_municipality(
    client, karlstad, other_municipality
):
    indicator = _indicator(karlstad)
    url = reverse("indicators:detail", args=[other_municipality.code, indicator.pk])
    assert client.get(url).status_code == 404


def test_downloads_carry_values_and_provenance(client, karlstad):
    indicator = _indicator(karlstad)
    url = reverse("indicators:detail", args=["1780", indicator.pk])
    response = client.get(url, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_year = {r[0]: r for r in rows[1:]}
    assert by_year["2021"][1] == "2,8"  # Swedish Excel's decimal comma
    assert "https://api.kolada.se/v3/x?2021" in by_year["2021"][-1]
    assert by_year["2030"][2] == "1,0"  # the target
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    table = client.get(reverse("indicators:list", args=["1780"]), {"format": "csv"})
    assert indicator.name in table.content.decode("utf-8-sig")


def test_example_data_is_labelled(client, karlstad):
    indicator = _indicator(karlstad)
    indicator.is_example = True
    indicator.save()
    html = client.get(reverse("indicators:detail", args=["1780", indicator.pk])).content.decode()
    assert "Exempeldata" in html


def test_english_page(client, karlstad):
    indicator = _indicator(karlstad)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("indicators:detail", args=["1780", indicator.pk])).content.decode()
    assert "On track" in html
    assert "2.80" in html
