"""The page on which a municipality's administrators give its catalogue's facts: organisation
number, open data contact e-mail, website. Administrators of that municipality only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from rdflib import Graph, URIRef

from klimatkontrakt.opendata.catalogue import VCARD
from klimatkontrakt.organisations.services import set_catalogue_facts
from tests.opendata.catalogue_release import KARLSTAD_ORGNR, SITE

pytestmark = pytest.mark.django_db
URL = "/kommun/1780/oppna-data/katalog/"


def test_an_administrator_sets_the_facts_and_the_catalogue_says_so(
    client, catalogue_release, karlstad, user_factory
):
    admin = user_factory(username="katalogadmin", member_of=karlstad, member_of__role="admin")
    client.force_login(admin)
    page = client.get(URL)
    assert page.status_code == 200
    assert f"{SITE}/datasets/dcat/1780" in page.content.decode()
    assert "aldrig en enskild persons adress" in page.content.decode()
    r = client.post(
        URL,
        {
            "org_number": "2120001850",
            "open_data_email": "data@karlstad.example.se",
            "website": "karlstad.example.se",
        },
    )
    assert r.status_code == 302
    karlstad.organisation.refresh_from_db()
    assert karlstad.organisation.org_number == KARLSTAD_ORGNR  # normalised
    assert karlstad.organisation.website == "https://karlstad.example.se"
    g = Graph()
    g.parse(data=client.get("/datasets/dcat/1780").content, format="xml")
    contact = URIRef(f"{SITE}/datasets/dcat/1780#contact")
    assert set(g.objects(contact, VCARD.hasEmail)) == {URIRef("mailto:data@karlstad.example.se")}


def test_a_wrong_number_or_address_is_refused_at_its_field(
    client, catalogue_release, karlstad, user_factory
):
    admin = user_factory(username="katalogadmin", member_of=karlstad, member_of__role="admin")
    client.force_login(admin)
    r = client.post(URL, {"org_number": "212000-1851", "open_data_email": "", "website": ""})
    assert r.status_code == 200
    assert "Inte ett organisationsnummer" in r.content.decode()
    r = client.post(URL, {"org_number": "", "open_data_email": "inte en adress", "website": ""})
    assert r.status_code == 200
    karlstad.organisation.refresh_from_db()
    assert karlstad.organisation.org_number == KARLSTAD_ORGNR
    assert karlstad.organisation.open_data_email == "oppnadata@karlstad.example.se"


def test_emptying_the_number_takes_the_catalogue_away(
    client, catalogue_release, karlstad, user_factory
):
    admin = user_factory(username="katalogadmin", member_of=karlstad, member_of__role="admin")
    client.force_login(admin)
    client.post(URL, {"org_number": "", "open_data_email": "", "website": ""})
    assert client.get("/datasets/dcat/1780").status_code == 404
    assert "Utan organisationsnummer" in client.get(URL).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "editor", "viewer", "other-admin"])
def test_only_the_municipalitys_administrators(
    client, catalogue_release, karlstad, other_municipality, user_factory, who
):
    if who == "editor":
        client.force_login(user_factory(username="red", member_of=karlstad))
    elif who == "viewer":
        client.force_login(
            user_factory(username="las", member_of=karlstad, member_of__role="viewer")
        )
    elif who == "other-admin":
        client.force_login(
            user_factory(username="annan", member_of=other_municipality, member_of__role="admin")
        )
    data = {"org_number": "", "open_data_email": "x@example.se", "website": ""}
    r = client.post(URL, data)
    assert r.status_code in (302, 403)
    if who == "anonymous":
        assert "/konto/" in r["Location"] or "login" in r["Location"]
    else:
        assert r.status_code == 403
        assert client.get(URL).status_code == 403
    karlstad.organisation.refresh_from_db()
    assert karlstad.organisation.org_number == KARLSTAD_ORGNR
    assert karlstad.organisation.open_data_email == "oppnadata@karlstad.example.se"


def test_the_service_refuses_an_editor(catalogue_release, karlstad, user_factory):
    editor = user_factory(username="red", member_of=karlstad)
    with pytest.raises(PermissionDenied):
        set_catalogue_facts(editor, karlstad, org_number="", open_data_email="", website="")


def test_the_page_is_in_the_administrators_navigation_only(
    client, catalogue_release, karlstad, user_factory
):
    client.force_login(user_factory(username="red", member_of=karlstad))
    assert URL not in client.get("/kommun/1780/").content.decode()
    client.force_login(
        user_factory(username="katalogadmin", member_of=karlstad, member_of__role="admin")
    )
    assert URL in client.get("/kommun/1780/").content.decode()
