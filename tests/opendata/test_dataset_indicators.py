"""The open dataset of indicators: published indicators only, the page's figures year by year."""

import pytest

from klimatkontrakt.indicators.selectors import summarise
from klimatkontrakt.opendata.datasets.indicators import DATASET
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.sharing import set_visibility
from tests.opendata.field_checks import check_rows
from tests.opendata.primary_keys import assert_unique_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(indicator_factory, indicator_value_factory, karlstad):
    indicator = indicator_factory(
        municipality=karlstad,
        name="Andel elbilar",
        unit="%",
        is_published=True,
        values={2019: 4.0, 2021: 9.0, 2023: 15.5},
        values__provenance="https://api.kolada.se/v3/data/kpi/N07945",
        targets={2030: 60.0},
    )
    indicator_value_factory(indicator=indicator, year=2023, gender="K", value=14.0)
    indicator_value_factory(indicator=indicator, year=2023, gender="M", value=17.0)
    return indicator


def test_a_published_indicator_gives_the_pages_rows(published, karlstad):
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows)
    summary = summarise(published)
    assert [(r["year"], r["value"], r["target"]) for r in rows] == [
        (r.year, r.value, r.target) for r in summary.rows
    ]
    assert [r["trend"] for r in rows] == [
        None if r.trend is None else round(r.trend, 6) for r in summary.rows
    ]
    by_year = {r["year"]: r for r in rows}
    assert set(by_year) == {2019, 2021, 2023, 2030}
    assert (by_year[2023]["value"], by_year[2023]["value_women"], by_year[2023]["value_men"]) == (
        15.5,
        14.0,
        17.0,
    )
    assert by_year[2030]["value"] is None and by_year[2030]["target"] == 60.0
    assert by_year[2019]["provenance"] == "https://api.kolada.se/v3/data/kpi/N07945"
    assert by_year[2030]["provenance"] == ""
    first = rows[0]
    assert (first["indicator_id"], first["indicator_name"], first["unit"]) == (
        published.pk,
        "Andel elbilar",
        "%",
    )
    assert (first["direction"], first["source_kind"], first["example_data"]) == (
        "up",
        "manual",
        False,
    )
    assert {r["status"] for r in rows} == {str(summary.assessment.status)}
    assert summary.assessment.status is not None


def test_drafts_shared_indicators_and_other_municipalities_stay_out(
    published, indicator_factory, karlstad, other_municipality
):
    indicator_factory(municipality=karlstad, name="Utkast", values={2023: 1.0})
    shared = indicator_factory(municipality=karlstad, name="Delad", values={2023: 2.0})
    set_visibility(SYSTEM, karlstad, "indicator", shared.pk, "shared")
    indicator_factory(
        municipality=other_municipality, name="Stockholms", values={2023: 3.0}, is_published=True
    )
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows)
    assert {r["indicator_name"] for r in rows} == {"Andel elbilar"}
    everyone = list(DATASET.rows(None))
    check_rows(DATASET, everyone)
    assert_unique_keys(DATASET, everyone)
    assert [(r["municipality_code"], r["indicator_name"]) for r in everyone][0] == (
        "0180",
        "Stockholms",
    )
    assert {r["indicator_name"] for r in everyone} == {"Andel elbilar", "Stockholms"}
    assert {r["municipality_code"] for r in DATASET.rows(other_municipality)} == {"0180"}


def test_an_indicator_without_a_target_is_not_assessed(indicator_factory, karlstad):
    indicator_factory(
        municipality=karlstad,
        name="Laddpunkter",
        unit="st",
        is_published=True,
        is_example=True,
        values={2022: 10.0, 2023: 12.0},
    )
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows)
    assert {(r["status"], r["status_label_sv"], r["example_data"]) for r in rows} == {
        ("not_assessed", "Inte bedömd", True)
    }
