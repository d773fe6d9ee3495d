import json
import socket
from datetime import date

import pytest

from klimatkontrakt.sources.kolada import (
    KoladaClient,
    KoladaError,
    chunked,
    live_values,
)


def test_follows_next_url_over_every_page(kolada):
    kolada.serve("/data/kpi/N07702/municipality/1780?per_page=2", "data_N07702_1780_page1.json")
    kolada.serve(
        "/data/kpi/N07702/municipality/1780?page=2&per_page=2", "data_N07702_1780_page2.json"
    )
    client = KoladaClient(kolada.base_url, per_page=2)

    values = client.data(["N07702"], ["1780"])

    assert [v.period for v in values] == [2019, 2020, 2021, 2022]
    assert values[0].value == 301000.0
    assert values[0].gender == "T"
    assert values[0].kpi == "N07702" and values[0].municipality == "1780"
    assert values[3].value is None  # a published null stays null
    assert len(kolada.requests) == 2
    assert values[2].source_url.endswith("page=2&per_page=2")


def test_year_filter_goes_into_the_path(kolada):
    kolada.serve(
        "/data/kpi/N07702/municipality/1780/year/2021,2022?per_page=2",
        "data_N07702_1780_page2.json",
    )
    values = KoladaClient(kolada.base_url, per_page=2).data(["N07702"], ["1780"], [2021, 2022])
    assert {v.period for v in values} == {2021, 2022}


def _echo_rows(path: str) -> tuple[int, str]:
    # One row per KPI and municipality named in the path, in Kolada's data shape.
    parts = path.split("?")[0].split("/")
    kpis = parts[parts.index("kpi") + 1].split(",")
    municipalities = parts[parts.index("municipality") + 1].split(",")
    rows = [
        {
            "kpi": k,
            "municipality": m,
            "period": 2022,
            "values": [{"count": 1, "gender": "T", "status": "", "value": 1.0}],
        }
        for k in kpis
        for m in municipalities
    ]
    return 200, json.dumps({"count": len(rows), "values": rows})


def test_more_than_25_ids_are_split_into_requests_of_at_most_25(kolada):
    municipalities = [f"{1700 + i:04d}" for i in range(30)]
    kpis = [f"N{i:05d}" for i in range(27)]
    for k in chunked(kpis):
        for m in chunked(municipalities):
            kolada.serve(
                f"/data/kpi/{','.join(k)}/municipality/{','.join(m)}?per_page=5000", _echo_rows
            )

    values = KoladaClient(kolada.base_url).data(kpis, municipalities)

    assert len(kolada.requests) == 4  # 2 KPI chunks x 2 municipality chunks
    for request in kolada.requests:
        parts = request.split("?")[0].split("/")
        assert len(parts[parts.index("kpi") + 1].split(",")) <= 25
        assert len(parts[parts.index("municipality") + 1].split(",")) <= 25
    assert {(v.kpi, v.municipality) for v in values} == {
        (k, m) for k in kpis for m in municipalities
    }


def test_chunked_keeps_order_and_drops_repeats():
    assert chunked(["a", "b", "a", "c"], size=2) == [["a", "b"], ["c"]]
    assert [len(c) for c in chunked([str(i) for i in range(51)])] == [25, 25, 1]


def test_values_by_gender(kolada):
    kolada.serve("/data/kpi/N01951/municipality/1780?per_page=5000", "data_N01951_1780_gender.json")
    values = KoladaClient(kolada.base_url).data(["N01951"], ["1780"])
    by_gender = {v.gender: v.value for v in values}
    assert by_gender == {"K": 48100.0, "M": 47600.0, "T": 95700.0}


def test_deleted_values_are_flagged_and_carry_no_number(kolada):
    kolada.serve(
        "/data/kpi/N07702/municipality/1780?per_page=5000&from_date=2024-01-01",
        "data_N07702_1780_from_date.json",
    )
    values = KoladaClient(kolada.base_url).data(["N07702"], ["1780"], from_date=date(2024, 1, 1))
    deleted = [v for v in values if v.deleted]
    assert [(v.period, v.value) for v in deleted] == [(2020, None)]
    assert [(v.period, v.value) for v in live_values(values)] == [(2021, 286500.0)]


def test_deleted_flag_on_the_row_applies_to_all_its_values(kolada):
    body = {
        "count": 1,
        "values": [
            {
                "kpi": "N07702",
                "municipality": "1780",
                "period": 2020,
                "is_deleted": True,
                "values": [{"gender": "T", "value": 5.0, "count": 1}],
            }
        ],
    }
    kolada.serve(
        "/data/kpi/N07702/municipality/1780?per_page=5000", lambda _p: (200, json.dumps(body))
    )
    [value] = KoladaClient(kolada.base_url).data(["N07702"], ["1780"])
    assert value.deleted and value.value is None


def test_kpi_metadata(kolada):
    kolada.serve("/kpi/N07702", "kpi_N07702.json")
    kpi = KoladaClient(kolada.base_url).kpi("N07702")
    assert kpi.id == "N07702"
    assert kpi.title.startswith("Utsläpp till luft av växthusgaser totalt")
    assert kpi.is_divided_by_gender is False
    assert kpi.municipality_type == "K"
    assert kpi.auspices == "X"


def test_unknown_kpi_is_a_clear_error(kolada):
    kolada.serve("/kpi/N99999", lambda _p: (200, '{"count": 0, "values": []}'))
    with pytest.raises(KoladaError, match="no KPI with id N99999"):
        KoladaClient(kolada.base_url).kpi("N99999")


def test_cache_hit_makes_no_second_request(kolada, tmp_path):
    kolada.serve("/kpi/N07702", "kpi_N07702.json")
    first = KoladaClient(kolada.base_url, cache_dir=tmp_path).kpi("N07702")
    second = KoladaClient(kolada.base_url, cache_dir=tmp_path).kpi("N07702")
    assert first == second
    assert kolada.requests == ["/kpi/N07702"]


def test_cache_older_than_max_age_is_fetched_again(kolada, tmp_path):
    kolada.serve("/kpi/N07702", "kpi_N07702.json")
    KoladaClient(kolada.base_url, cache_dir=tmp_path).kpi("N07702")
    KoladaClient(kolada.base_url, cache_dir=tmp_path, max_age=0).kpi("N07702")
    assert kolada.requests == ["/kpi/N07702", "/kpi/N07702"]


def test_cache_keeps_fetch_time_as_provenance(kolada, tmp_path):
    kolada.serve("/data/kpi/N01951/municipality/1780?per_page=5000", "data_N01951_1780_gender.json")
    first = KoladaClient(kolada.base_url, cache_dir=tmp_path).data(["N01951"], ["1780"])
    again = KoladaClient(kolada.base_url, cache_dir=tmp_path).data(["N01951"], ["1780"])
    assert first[0].fetched_at == again[0].fetched_at
    assert len(kolada.requests) == 1


def test_timeout_names_the_url(kolada):
    kolada.serve("/kpi/N07702", "kpi_N07702.json")
    kolada.delay = 1.0
    client = KoladaClient(kolada.base_url, timeout=0.2)
    with pytest.raises(KoladaError, match="timed out") as caught:
        client.kpi("N07702")
    assert caught.value.url == f"{kolada.base_url}/kpi/N07702"


def test_offline_is_a_clear_error_naming_url_and_cause():
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = KoladaClient(f"http://127.0.0.1:{port}/v3", timeout=2)
    with pytest.raises(KoladaError) as caught:
        client.kpi("N07702")
    message = str(caught.value)
    assert f"http://127.0.0.1:{port}/v3/kpi/N07702" in message
    assert "offline" in message
    assert "refused" in message.lower()


def test_http_error_status_is_reported(kolada):
    with pytest.raises(KoladaError, match="HTTP 404"):
        KoladaClient(kolada.base_url).kpi("N00000")


def test_malformed_body_is_reported(kolada):
    kolada.serve("/kpi/N07702", lambda _p: (200, "<html>maintenance</html>"))
    with pytest.raises(KoladaError, match="not JSON"):
        KoladaClient(kolada.base_url).kpi("N07702")


def test_unknown_gender_is_reported_with_its_place(kolada):
    body = {
        "count": 1,
        "values": [
            {
                "kpi": "N07702",
                "municipality": "1780",
                "period": 2020,
                "values": [{"gender": "X", "value": 1.0, "count": 1}],
            }
        ],
    }
    kolada.serve(
        "/data/kpi/N07702/municipality/1780?per_page=5000", lambda _p: (200, json.dumps(body))
    )
    with pytest.raises(KoladaError, match=r"values\[0\]\.values\[0\]\.gender"):
        KoladaClient(kolada.base_url).data(["N07702"], ["1780"])


def test_next_url_loop_is_refused(kolada):
    looping = {"count": 0, "values": [], "next_url": "https://api.kolada.se/v3/kpi/N07702"}
    kolada.serve(
        "/kpi/N07702",
        lambda _p: (200, json.dumps(looping).replace("https://api.kolada.se/v3", kolada.base_url)),
    )
    with pytest.raises(KoladaError, match="already read"):
        KoladaClient(kolada.base_url).kpis(["N07702"])


def test_data_needs_ids():
    with pytest.raises(ValueError, match="at least one"):
        KoladaClient().data([], ["1780"])
