import pytest
from django.core.exceptions import PermissionDenied

from klimatkontrakt.indicators.models import Indicator, IndicatorValue
from klimatkontrakt.indicators.services import UnknownKpiError, refresh_kolada_indicators
from klimatkontrakt.sources.kolada import KoladaError
from klimatkontrakt.sources.kolada_kpis import load_climate_kpis
from tests.kolada_server import echo_data

PAGE_1 = "/data/kpi/N07702/municipality/1780?per_page=5000"
PAGE_2 = "/data/kpi/N07702/municipality/1780?page=2&per_page=2"


def _emissions(karlstad) -> Indicator:
    return Indicator.objects.create(
        municipality=karlstad,
        name="Växthusgaser",
        unit="t CO2e",
        direction="down",
        source_kind="kolada",
        kolada_kpi="N07702",
    )


def _serve_two_pages(kolada) -> None:
    kolada.serve(PAGE_1, "data_N07702_1780_page1.json")
    kolada.serve(PAGE_2, "data_N07702_1780_page2.json")


def test_refresh_stores_every_page_with_provenance(kolada, karlstad):
    indicator = _emissions(karlstad)
    _serve_two_pages(kolada)

    result = refresh_kolada_indicators(karlstad)

    stored = {v.year: v for v in indicator.values.all()}
    assert sorted(stored) == [2019, 2020, 2021]  # 2022 is listed without a figure
    assert stored[2019].value == 301000.0
    assert stored[2021].provenance.startswith("Kolada N07702, 1780: ")
    assert stored[2021].provenance.endswith("page=2&per_page=2")
    assert result.stored == 3 and result.per_kpi == {"N07702": 4}


def test_refreshing_twice_counts_each_value_once(kolada, karlstad, settings):
    indicator = _emissions(karlstad)
    _serve_two_pages(kolada)
    refresh_kolada_indicators(karlstad)
    settings.KOLADA_MAX_AGE = 0  # ask Kolada again rather than the cache

    again = refresh_kolada_indicators(karlstad)

    assert indicator.values.count() == 3
    assert (again.stored, again.unchanged, again.deleted) == (0, 3, 0)
    assert len(kolada.requests) == 4


def test_values_kolada_no_longer_lists_are_removed(kolada, karlstad, settings):
    indicator = _emissions(karlstad)
    _serve_two_pages(kolada)
    refresh_kolada_indicators(karlstad)
    settings.KOLADA_MAX_AGE = 0
    # Kolada now publishes only page 2: 2019 and 2020 were withdrawn.
    kolada.serve(PAGE_1, "data_N07702_1780_page2.json")

    result = refresh_kolada_indicators(karlstad)

    assert sorted(indicator.values.values_list("year", flat=True)) == [2021]
    assert result.deleted == 2


def test_values_marked_deleted_are_removed(kolada, karlstad):
    indicator = _emissions(karlstad)
    IndicatorValue.objects.create(
        indicator=indicator,
        year=2020,
        value=1.0,
        provenance="old",
        fetched_at="2024-01-01T00:00:00Z",
    )
    kolada.serve(PAGE_1, "data_N07702_1780_from_date.json")

    refresh_kolada_indicators(karlstad)

    assert list(indicator.values.values_list("year", "value")) == [(2021, 286500.0)]


def test_an_empty_answer_leaves_stored_values(kolada, karlstad):
    indicator = _emissions(karlstad)
    IndicatorValue.objects.create(
        indicator=indicator, year=2019, value=1.0, provenance="p", fetched_at="2024-01-01T00:00:00Z"
    )
    kolada.serve(PAGE_1, lambda _p: (200, '{"count": 0, "values": []}'))
    refresh_kolada_indicators(karlstad)
    assert indicator.values.count() == 1


def test_a_failed_request_changes_nothing(kolada, karlstad):
    indicator = _emissions(karlstad)
    Indicator.objects.create(
        municipality=karlstad,
        name="Kollektivtrafik",
        unit="resor/inv",
        direction="up",
        source_kind="kolada",
        kolada_kpi="N60404",
        kolada_level="region",
    )
    IndicatorValue.objects.create(
        indicator=indicator, year=2010, value=5.0, provenance="p", fetched_at="2024-01-01T00:00:00Z"
    )
    _serve_two_pages(kolada)  # the municipality's request works, the region's gets a 404

    with pytest.raises(KoladaError, match="HTTP 404") as caught:
        refresh_kolada_indicators(karlstad)

    assert "/municipality/0017" in caught.value.url  # Värmland's region code
    assert kolada.requests[0] == PAGE_1  # fetched fine, and still not stored
    assert list(indicator.values.values_list("year", flat=True)) == [2010]


def test_without_indicators_the_default_climate_set_is_created(kolada, karlstad):
    kolada.fallback = echo_data

    result = refresh_kolada_indicators(karlstad)

    defaults = {k.id for k in load_climate_kpis()}
    created = Indicator.objects.filter(municipality=karlstad, source_kind="kolada")
    assert {i.kolada_kpi for i in created} == defaults
    assert sorted(result.created_indicators) == sorted(defaults)
    assert IndicatorValue.objects.filter(indicator__in=created).count() == 3 * len(defaults)
    transit = created.get(kolada_kpi="N60404")
    assert transit.kolada_level == "region"
    assert "/municipality/0017" in transit.values.first().provenance
    assert created.get(kolada_kpi="N07702").direction == "down"


def test_named_kpis_only(kolada, karlstad):
    _emissions(karlstad)
    kolada.fallback = echo_data
    result = refresh_kolada_indicators(karlstad, ["N07945"])
    assert result.created_indicators == ["N07945"]
    assert all("N07945" in r for r in kolada.requests)


def test_unknown_kpi_is_refused_before_any_request(kolada, karlstad):
    with pytest.raises(UnknownKpiError, match="N99999"):
        refresh_kolada_indicators(karlstad, ["N07702", "N99999"])
    assert kolada.requests == []
    assert not Indicator.objects.exists()


def test_refresh_from_the_web_needs_the_editor_role(kolada, karlstad, viewer, outsider):
    for user in (None, viewer, outsider):
        with pytest.raises(PermissionDenied):
            refresh_kolada_indicators(karlstad, ["N07702"], user=user, check_access=True)
    assert kolada.requests == []
