"""The client of the funders' common API against a loopback server with responses in the
documented shape: paging, the key, the cache, offline and broken answers."""

import socket
from decimal import Decimal

import pytest

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.gdp import GdpClient, GdpError, parse_activities
from tests.gdp_server import fake_gdp


@pytest.fixture
def server():
    with fake_gdp() as fake:
        fake.pages = ["finansieradeaktiviteter_0.json", "finansieradeaktiviteter_1.json"]
        yield fake


def test_every_page_is_read_by_offset_and_limit(server):
    client = GdpClient(server.base_url, "Vinnova", limit=1)
    records, url = client.records()
    paths = [p for p, _h in server.requests]
    assert paths == [
        "/gdp_vinnova/finansieradeaktiviteter?offset=0&limit=1",
        "/gdp_vinnova/finansieradeaktiviteter?offset=1&limit=1",
    ]
    assert url.endswith("offset=0&limit=1")
    by_key = {(r.reference, r.recipient_org_number, r.year): r for r in records}
    assert by_key[("2023-01234", "212000-1850", 2023)].amount_sek == Decimal("400000.00")
    assert by_key[("2023-01234", "212000-1850", 2024)].amount_sek == Decimal("600000.00")
    partner = by_key[("2023-01234", "556036-0793", 2024)]
    assert partner.role == "partner" and partner.amount_sek == Decimal("250000.00")
    assert by_key[("2024-00077", "202100-3120", 2024)].role == "coordinator"
    assert by_key[("2023-01234", "212000-1850", 2023)].programme == "Viable Cities"
    assert sum(r.amount_sek for r in records) == Decimal("2250000.00")
    assert not any("Anna" in str(r) for r in records)  # `personer` is never read


def test_the_key_is_sent_and_a_refused_key_is_explained(server):
    server.key = "hemlig"
    GdpClient(server.base_url, "Vinnova", api_key="hemlig").records()
    assert server.requests[0][1]["Ocp-Apim-Subscription-Key"] == "hemlig"
    with pytest.raises(GdpError, match="API-nyckeln"):
        GdpClient(server.base_url, "Vinnova", api_key="fel").records()


def test_answers_are_cached_on_disk(server, tmp_path):
    client = GdpClient(server.base_url, "Vinnova", cache_dir=tmp_path)
    first, _ = client.records()
    asked = len(server.requests)
    again, _ = client.records()
    assert len(server.requests) == asked and again == first
    assert "hemlig" not in "".join(p.read_text() for p in tmp_path.iterdir())


def test_offline_says_so():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(GdpError, match="saknas nätanslutning"):
        GdpClient(f"http://127.0.0.1:{port}/x", "Vinnova", timeout=2).records()


def test_a_broken_answer_is_refused(server):
    server.body = '{"not": "a list"}'
    with pytest.raises(GdpError, match="lista"):
        GdpClient(server.base_url, "Vinnova").records()
    server.body = "<html>"
    with pytest.raises(GdpError, match="JSON"):
        GdpClient(server.base_url, "Vinnova").records()


def test_a_bad_activity_is_named_by_number_and_field():
    items = [
        {
            "diarienummer": "1",
            "organisationer": [{"namn": "A", "organisationsnummer": "212000-1850"}],
            "beslutadFinansiering": [{"belopp": 1, "ar": 2024}],
        },
        {
            "diarienummer": "2",
            "organisationer": [{"namn": "A", "organisationsnummer": "212000-1851"}],
            "beslutadFinansiering": [{"belopp": 1, "ar": 2024}],
        },
        {
            "diarienummer": "3",
            "organisationer": [{"namn": "A"}],
            "beslutadFinansiering": [{"belopp": "många", "ar": 2024}],
        },
    ]
    with pytest.raises(SourceError) as err:
        parse_activities(items, "Vinnova", "https://api.example/finansieradeaktiviteter")
    assert err.value.messages[0].startswith(
        "https://api.example/finansieradeaktiviteter, rad 2, kolumn "
        "beslutadFinansiering[0].organisationsnummer"
    )
    assert "rad 3, kolumn beslutadFinansiering[0].belopp" in err.value.messages[1]
