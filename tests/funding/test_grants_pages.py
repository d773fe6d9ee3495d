"""The grant pages: portfolio with downloads, review, single entry, import, the group list and
every contract city side by side; writes need the city's editor."""

import io

import pytest
from openpyxl import load_workbook

from klimatkontrakt.funding.models import Grant, GroupOrganisation
from tests.funding.grant_files import swecris, swecris_row


@pytest.fixture
def grants(grant_factory, karlstad):
    grant_factory(
        municipality=karlstad, funder_name="Vinnova", year=2023, title="Solceller på skolor"
    )
    grant_factory(municipality=karlstad, funder_name="Formas", year=2024, amount_sek=50000)
    grant_factory(
        municipality=karlstad,
        match="name",
        review="pending",
        title="Namnträff",
        recipient_name="Karlstads Energi AB",
    )


def test_the_portfolio_shows_the_figures_and_hides_the_review_from_the_public(
    client, grants, editor
):
    page = client.get("/kommun/1780/bidrag/").content.decode()
    assert "Solceller på skolor" in page and "150\u00a0000" in page
    assert "Namnträff" not in page
    client.force_login(editor)
    page = client.get("/kommun/1780/bidrag/").content.decode()
    assert "Namnträff" in page and "Godkänn" in page


def test_the_downloads_hold_the_portfolio(client, grants):
    r = client.get("/kommun/1780/bidrag/data/per-finansiar-och-ar/?format=csv")
    text = r.content.decode("utf-8-sig")
    assert "2023;Vinnova;100000" in text.replace(",0", "") or "2023;Vinnova;100000,0" in text
    r = client.get("/kommun/1780/bidrag/data/bidrag/?format=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    titles = [row[2] for row in ws.iter_rows(min_row=2, values_only=True) if row[2]]
    assert "Solceller på skolor" in titles and "Namnträff" not in titles
    assert client.get("/kommun/1780/bidrag/data/okand/").status_code == 404


def test_an_editor_accepts_a_name_match(client, grants, editor):
    pending = Grant.objects.get(title="Namnträff")
    client.force_login(editor)
    client.post(f"/kommun/1780/bidrag/{pending.pk}/granska/", {"decision": "accept"})
    pending.refresh_from_db()
    assert pending.review == "accepted"


def test_others_cannot_review(client, grants, outsider):
    pending = Grant.objects.get(title="Namnträff")
    client.force_login(outsider)
    r = client.post(f"/kommun/1780/bidrag/{pending.pk}/granska/", {"decision": "accept"})
    assert r.status_code == 403
    pending.refresh_from_db()
    assert pending.review == "pending"


def test_a_grant_is_entered_by_hand(client, karlstad, editor):
    client.force_login(editor)
    r = client.post(
        "/kommun/1780/bidrag/ny/",
        {
            "funder": "Trafikverket",
            "reference": "TRV 2024/99",
            "title": "Stadsmiljöavtal busskörfält",
            "recipient_name": "Karlstads kommun",
            "recipient_org_number": "212000-1850",
            "recipient_kind": "municipality",
            "year": "2024",
            "amount_sek": "2500000",
            "programme": "Stadsmiljöavtal",
        },
    )
    assert r.status_code == 302
    grant = Grant.objects.get(reference="TRV 2024/99")
    assert grant.municipality == karlstad and grant.match == "manual" and grant.counted
    r = client.post(
        "/kommun/1780/bidrag/ny/", {"funder": "X", "year": "99999", "amount_sek": "nan"}
    )
    assert r.status_code == 200 and Grant.objects.count() == 1


def test_a_file_is_imported_on_the_page_and_a_bad_one_is_explained(client, karlstad, editor):
    client.force_login(editor)
    good = swecris(
        swecris_row("2023-1_Vinnova", "", "Karlstads kommun", "Vinnova", "1000.0", "2023.0")
    )
    r = client.post(
        "/kommun/1780/bidrag/importera/",
        {"source": "swecris", "file": io.BytesIO(good)},
    )
    assert r.status_code == 302 and Grant.objects.get().review == "pending"
    bad = swecris(swecris_row("2023-2_Vinnova", "", "Karlstads kommun", "Vinnova", "x", "2023.0"))
    upload = io.BytesIO(bad)
    upload.name = "fel.csv"
    page = client.post(
        "/kommun/1780/bidrag/importera/", {"source": "swecris", "file": upload}
    ).content.decode()
    assert "fel.csv, rad 2, kolumn FundingsSek" in page and Grant.objects.count() == 1


def test_the_group_list_is_edited_and_grants_are_matched_again(
    client, karlstad, editor, grant_factory
):
    orphan = grant_factory(
        municipality=None,
        recipient_name="Karlstads Bostads AB",
        recipient_org_number="556036-0793",
        match="",
        review="automatic",
        recipient_kind="",
    )
    client.force_login(editor)
    r = client.post(
        "/kommun/1780/bidrag/koncernen/",
        {"name": "Karlstads Bostads AB", "org_number": "5560360793", "kind": "company"},
    )
    assert r.status_code == 302
    orphan.refresh_from_db()
    assert orphan.municipality == karlstad and orphan.match == "number"
    r = client.post(
        "/kommun/1780/bidrag/koncernen/",
        {"name": "Fel AB", "org_number": "556036-0794", "kind": "company"},
    )
    assert "kontrollsiffra" in r.content.decode() and GroupOrganisation.objects.count() == 1
    org = GroupOrganisation.objects.get()
    client.post(f"/kommun/1780/bidrag/koncernen/{org.pk}/ta-bort/")
    orphan.refresh_from_db()
    assert orphan.municipality is None


def test_every_contract_city_side_by_side(client, grants, karlstad, other_municipality):
    karlstad.in_climate_contract = True
    karlstad.save()
    page = client.get("/nationellt/bidrag/").content.decode()
    assert "Karlstad" in page and "150\u00a0000" in page and other_municipality.name not in page
    r = client.get("/nationellt/bidrag/data/per-stad-finansiar-och-ar/?format=csv")
    assert "Karlstad;Vinnova;2023" in r.content.decode("utf-8-sig")
    assert client.get("/nationellt/bidrag/?year=abc").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "outsider", "agency"])
def test_a_grant_waiting_for_review_is_hidden_outside_the_city(
    client, grants, who, outsider, user_factory
):
    from klimatkontrakt.organisations.services import grant_role
    from tests.organisations.factories import OrganisationFactory

    pending = Grant.objects.get(title="Namnträff")
    if who == "outsider":
        client.force_login(outsider)
    elif who == "agency":
        user = user_factory(username="formas-editor")
        grant_role(user, OrganisationFactory(kind="agency", slug="formas", name="Formas"), "editor")
        client.force_login(user)
    assert client.get(f"/kommun/1780/bidrag/{pending.pk}/").status_code == 404
    assert "Namnträff" not in client.get("/api/grants/1780/").content.decode()
    assert (
        "Namnträff"
        not in client.get("/kommun/1780/bidrag/data/bidrag/?format=csv").content.decode()
    )


def test_members_see_a_grant_waiting_for_review(client, grants, viewer):
    pending = Grant.objects.get(title="Namnträff")
    client.force_login(viewer)
    page = client.get(f"/kommun/1780/bidrag/{pending.pk}/").content.decode()
    assert "Namnträff" in page and "Koppla till åtgärden" not in page


def test_klimatklivet_grants_outside_every_city_are_counted_per_county(client, db):
    from klimatkontrakt.funding.services.grants import import_grants
    from klimatkontrakt.organisations.access import SYSTEM
    from tests.funding.grant_files import REAL_KLIMATKLIVET_ROWS, klimatklivet

    import_grants(SYSTEM, "klimatklivet", klimatklivet(REAL_KLIMATKLIVET_ROWS), "kk.xlsx")
    rows = client.get("/api/grants/national").json()["klimatklivet_outside_cities"]
    by_county = {r["county"]: (r["grants"], r["sek"]) for r in rows}
    # No municipality of the test database is named in the file: all four are outside.
    assert by_county["Län saknas i filen"] == (1, 164312.0)
    assert by_county["Stockholms län"] == (1, 134000000.0)
    page = client.get("/nationellt/bidrag/").content.decode()
    main = page[page.index("<main") :]
    assert "Värmlands län" in main and "Län saknas i filen" in main
    assert "Värmlands län" not in page[: page.index("<main")]
