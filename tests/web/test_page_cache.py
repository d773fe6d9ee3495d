"""The cached content of heavy pages (web/cache.py): served again while nothing changed, new after
an edit, an import or a new SMHI release, separate per language and per reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from klimatkontrakt.emissions import demo as emissions_demo
from klimatkontrakt.emissions import services as emissions_services
from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.footprint import services as footprint_services
from klimatkontrakt.organisations import selectors as organisations
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
from klimatkontrakt.sources import smhi
from klimatkontrakt.web import cache
from tests.sources.ledger_files import write_csv

EMISSIONS = "/kommun/1780/utslapp/?gas=GGT"


def _import_demo_release(name: str) -> None:
    data = (emissions_demo.DATA / name).read_bytes()
    report = smhi.read_report_csv(
        data,
        file_name=name,
        municipality_codes=organisations.municipality_codes(),
        county_codes=organisations.county_codes(),
    )
    emissions_services.import_parsed(report)


@pytest.fixture
def karlstad_with_emissions(db):  # type: ignore[no-untyped-def]
    from klimatkontrakt.organisations.models import Municipality

    import_municipalities(BUNDLED_CODE_LIST)
    emissions_demo.load_demo_emissions()
    return Municipality.objects.get(code="1780")


@pytest.fixture
def member(user_factory, karlstad_with_emissions):  # type: ignore[no-untyped-def]
    return user_factory(
        username="las-medlem", member_of=karlstad_with_emissions, member_of__role="viewer"
    )


@pytest.fixture
def redaktor(user_factory, karlstad_with_emissions):  # type: ignore[no-untyped-def]
    return user_factory(username="redaktor-cache", member_of=karlstad_with_emissions)


def _page(client, url: str = EMISSIONS, **headers: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url, **headers)
    assert response.status_code == 200
    return str(response.content.decode())


def _queries(client, url: str = EMISSIONS) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        _page(client, url)
    return len(queries)


def _goal(municipality, name: str, target_year: int, share: float, *, published: bool) -> Goal:  # type: ignore[no-untyped-def]
    """A territorial greenhouse-gas goal from 1990, as the emissions page lists it."""
    return Goal.objects.create(
        municipality=municipality,
        name=name,
        gas="GGT",
        scope=Goal.Scope.TERRITORIAL,
        target_year=target_year,
        share_of_base=share,
        base_year=1990,
        is_published=published,
    )


def test_the_second_visit_is_served_from_the_cache(client, karlstad_with_emissions):
    first = _queries(client)
    assert _queries(client) < first / 3  # no budgets, charts or tables computed again


def test_an_edit_through_a_page_shows_at_once(client, redaktor, member):
    client.force_login(member)
    assert "Halverade utsläpp 2030" not in _page(client)  # cached for members now
    client.force_login(redaktor)
    new_goal = {
        "name": "Halverade utsläpp 2030",
        "gas": "GGT",
        "scope": "territorial",
        "target_year": "2030",
        "share_pct": "50",
        "base_year": "2015",
    }
    saved = client.post("/kommun/1780/utslapp/mal/ny/", new_goal, follow=True)
    assert saved.redirect_chain[0][1] == 302  # and the "saved" message is shown and gone
    client.force_login(member)
    assert "Halverade utsläpp 2030" in _page(client)


def test_an_edit_outside_the_pages_shows_at_once(client, karlstad_with_emissions):
    assert "Noll netto 2045" not in _page(client)
    _goal(karlstad_with_emissions, "Noll netto 2045", 2045, 0.1, published=True)
    assert "Noll netto 2045" in _page(client)
    Goal.objects.filter(name="Noll netto 2045").get().delete()
    assert "Noll netto 2045" not in _page(client)


def test_a_draft_never_reaches_the_public(client, karlstad_with_emissions, member):
    _goal(karlstad_with_emissions, "Utkast till mål", 2035, 0.3, published=False)
    client.force_login(member)
    assert "Utkast till mål" in _page(client)  # the member's page is cached first
    client.logout()
    assert "Utkast till mål" not in _page(client)
    client.force_login(member)
    assert "Utkast till mål" in _page(client)


def test_the_public_page_does_not_hide_drafts_from_members(client, karlstad_with_emissions, member):
    _goal(karlstad_with_emissions, "Utkast till mål", 2035, 0.3, published=False)
    assert "Utkast till mål" not in _page(client)  # the public page is cached first
    client.force_login(member)
    assert "Utkast till mål" in _page(client)


def test_editors_get_their_own_links_not_the_cached_page(client, karlstad_with_emissions, redaktor):
    assert "/kommun/1780/utslapp/mal/ny/" not in _page(client)
    client.force_login(redaktor)
    assert "/kommun/1780/utslapp/mal/ny/" in _page(client)


def test_each_language_has_its_own_content(client, karlstad_with_emissions):
    swedish = _page(client)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = _page(client)
    assert "Historik per sektor" in swedish and "History by sector" not in swedish
    assert "History by sector" in english and "Historik per sektor" not in english
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert "Historik per sektor" in _page(client)


def test_a_new_release_changes_every_municipality_page(client, db):
    import_municipalities(BUNDLED_CODE_LIST)
    _import_demo_release("demo-smhi-co2-2024-04-18.csv")
    assert "demo-smhi-co2-2024-04-18.csv" in _page(client, "/kommun/1780/")
    _import_demo_release("demo-smhi-ggt-klimatkollen.csv")  # national: the headline becomes GGT
    assert "demo-smhi-ggt-klimatkollen.csv" in _page(client, "/kommun/1780/")


def test_a_ledger_import_changes_the_footprint_page(
    client, karlstad_with_emissions, redaktor, member, tmp_path: Path, settings
):
    settings.LEDGER_DIR = tmp_path / "ledgers"
    karlstad = karlstad_with_emissions
    first = write_csv(tmp_path / "first.csv")
    footprint_services.import_ledger(redaktor, karlstad, [("first.csv", first)])
    client.force_login(member)
    assert "second.csv" not in _page(client, "/kommun/1780/inkop/")
    second = tmp_path / "second.csv"
    second.write_text(first.read_text().replace("2024-03-01", "2024-04-01"))
    footprint_services.import_ledger(redaktor, karlstad, [("second.csv", second)])
    assert "second.csv" in _page(client, "/kommun/1780/inkop/")


def test_publishing_through_the_page_changes_the_members_view(
    client, karlstad_with_emissions, redaktor, member, tmp_path: Path, settings
):
    settings.LEDGER_DIR = tmp_path / "ledgers"
    karlstad = karlstad_with_emissions
    ledger = footprint_services.import_ledger(
        redaktor, karlstad, [("l.csv", write_csv(tmp_path / "l.csv"))]
    ).ledger
    client.force_login(member)
    assert 'class="badge draft"' in _page(client, "/kommun/1780/inkop/")
    client.force_login(redaktor)
    client.post(f"/kommun/1780/inkop/{ledger.pk}/publicera/", {"published": "1"})
    client.force_login(member)
    assert 'class="badge draft"' not in _page(client, "/kommun/1780/inkop/")


@pytest.mark.django_db(transaction=True)
def test_the_versions_change_again_when_the_transaction_commits(municipality_factory):
    one, other = municipality_factory(), municipality_factory()
    before = (cache.data_version(one.pk), cache.data_version(other.pk))
    with transaction.atomic():
        one.save()
        other.save()
        one.save()
        during = (cache.data_version(one.pk), cache.data_version(other.pk))
        assert during[0] != before[0] and during[1] != before[1]  # at once, for this process
    # and again at commit: a page another process computed meanwhile read the old rows
    after = (cache.data_version(one.pk), cache.data_version(other.pk))
    assert after[0] != during[0] and after[1] != during[1]


def test_national_data_changes_every_municipality(municipality_factory):
    one, other = municipality_factory(), municipality_factory()
    before = (cache.data_version(one.pk), cache.data_version(other.pk))
    cache.bump(one.pk)
    assert cache.data_version(one.pk) != before[0]
    assert cache.data_version(other.pk) == before[1]
    cache.bump(None)
    assert cache.data_version(other.pk) != before[1]
