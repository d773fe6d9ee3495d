"""The calls' HTTP client against a loopback server in the documented shape, and
`klimatkontrakt fetch-calls` on top of it: paging, key, cache, offline, all or nothing."""

import socket
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from klimatkontrakt.funding.models import Call
from klimatkontrakt.funding.services.calls import fetch_calls
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.sources.calls_client import CallsClient, CallsFetchError
from tests.funding.calls_server import fake_funders

SINCE = date(2025, 12, 6)
TODAY = date(2026, 12, 6)


@pytest.fixture
def funders():
    with fake_funders() as fake:
        fake.serve(f"/vinnova/api/utlysningar/{SINCE}", "vinnova_utlysningar.json")
        fake.serve(f"/vinnova/api/ansokningsomgangar/{SINCE}", "vinnova_ansokningsomgangar.json")
        fake.serve(
            "/common/v1/utlysningar?offset=0&limit=2",
            "common_utlysningar_page1.json",
            x_totalrecords="3",
        )
        fake.serve(
            "/common/v1/utlysningar?offset=2&limit=2",
            "common_utlysningar_page2.json",
            x_totalrecords="3",
        )
        fake.api_key = "hemlig-nyckel"
        yield fake


def client_for(fake, tmp_path=None, **kw):
    return CallsClient(
        vinnova_url=fake.vinnova_url,
        common_url=fake.common_url,
        api_key=kw.pop("api_key", "hemlig-nyckel"),
        page_size=2,
        cache_dir=tmp_path,
        **kw,
    )


def test_vinnova_calls_and_rounds_are_read(funders):
    records = client_for(funders).vinnova(SINCE)
    assert [r.reference for r in records] == ["2026-01211", "2026-01212", "2026-01301"]
    assert [p for p, _ in funders.requests] == [
        f"/vinnova/api/utlysningar/{SINCE}",
        f"/vinnova/api/ansokningsomgangar/{SINCE}",
    ]
    assert all(key == "" for _, key in funders.requests)  # the key goes to the common API only


def test_common_api_pages_by_offset_until_the_total_with_the_key(funders):
    records = client_for(funders).common()
    assert [r.reference for r in records] == ["FR-2026-00412", "FO-2026-00077", "FR-2026-00500"]
    assert [key for _, key in funders.requests] == ["hemlig-nyckel", "hemlig-nyckel"]
    assert [r.reference for r in client_for(funders).common("formas")] == [
        "FR-2026-00412",
        "FR-2026-00500",
    ]


def test_a_wrong_key_is_named_with_the_status(funders):
    with pytest.raises(CallsFetchError, match="HTTP 401"):
        client_for(funders, api_key="fel").common()


def test_responses_are_cached_on_disk(funders, tmp_path):
    client_for(funders, tmp_path).vinnova(SINCE)
    client_for(funders, tmp_path).vinnova(SINCE)
    assert len(funders.requests) == 2


def test_no_server_is_reported_as_offline():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = CallsClient(vinnova_url=f"http://127.0.0.1:{port}/api", timeout=2)
    with pytest.raises(CallsFetchError, match="saknar datorn nätverk"):
        client.vinnova(SINCE)


def test_a_slow_server_times_out(funders):
    funders.delay = 1.0
    with pytest.raises(CallsFetchError, match="0.2"):
        client_for(funders, timeout=0.2).vinnova(SINCE)


def test_a_missing_total_or_a_page_that_is_not_json_is_refused(funders):
    funders.serve("/common/v1/utlysningar?offset=0&limit=2", "common_utlysningar_page1.json")
    with pytest.raises(CallsFetchError, match="x-totalrecords"):
        client_for(funders).common()
    funders.serve_text("/common/v1/utlysningar?offset=0&limit=2", "<html>", x_totalrecords="3")
    with pytest.raises(CallsFetchError, match="JSON"):
        client_for(funders).common()


@pytest.mark.django_db
def test_fetch_stores_vinnovas_calls_once_and_links_the_agency(funders):
    vinnova = Organisation.objects.create(kind="agency", name="Vinnova", slug="vinnova")
    result = fetch_calls(SYSTEM, "Vinnova", client=client_for(funders), today=TODAY)
    assert (result.created, result.updated) == (3, 0)
    again = fetch_calls(SYSTEM, "vinnova", client=client_for(funders), today=TODAY)
    assert (again.created, again.updated) == (0, 3)
    assert set(Call.objects.values_list("funder", flat=True)) == {vinnova.pk}
    assert Call.objects.filter(source="vinnova", fetched_at__isnull=False).count() == 3


@pytest.mark.django_db
def test_fetch_with_a_bad_object_changes_nothing(funders):
    funders.serve_text(
        "/common/v1/utlysningar?offset=2&limit=2",
        '[{"diarienummer": "X", "finansiar": "Formas", "titel": "T", "stangningsdatum": "snart"}]',
        x_totalrecords="3",
    )
    with pytest.raises(CallsFetchError, match="stangningsdatum"):
        fetch_calls(SYSTEM, "Formas", client=client_for(funders), today=TODAY)
    assert not Call.objects.exists()


@pytest.mark.django_db
def test_fetch_calls_command(funders, settings, tmp_path):
    settings.FUNDING_CALLS_API_URL = funders.common_url
    settings.FUNDING_CALLS_API_KEY = "hemlig-nyckel"
    settings.FUNDING_CALLS_CACHE_DIR = tmp_path
    settings.FUNDING_VINNOVA_URL = funders.vinnova_url
    funders.serve(
        "/common/v1/utlysningar?offset=0&limit=500",
        "common_utlysningar_page1.json",
        x_totalrecords="2",
    )
    call_command("fetch_calls", "--funder", "Forte")
    assert list(Call.objects.values_list("funder_name", "reference")) == [
        ("Forte", "FO-2026-00077")
    ]
    settings.FUNDING_VINNOVA_URL = "http://127.0.0.1:9/api"
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("fetch_calls", "--funder", "Vinnova")
    assert Call.objects.count() == 1
