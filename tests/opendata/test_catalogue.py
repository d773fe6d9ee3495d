"""The DCAT-AP-SE catalogues at /datasets/dcat and /datasets/dcat/<code>, read as a harvester
reads them: RDF/XML by default, Turtle on request, absolute IRIs, no blank nodes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from klimatkontrakt.opendata.catalogue import VCARD
from tests.opendata.catalogue_release import (
    KARLSTAD_ORGNR,
    OPERATOR_ORGNR,
    SITE,
)
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
CC_BY = URIRef("http://creativecommons.org/licenses/by/4.0/")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
EU = "http://publications.europa.eu/resource/authority/"


def _graph(response, fmt: str = "xml") -> Graph:  # type: ignore[no-untyped-def]
    g = Graph()
    g.parse(data=response.content, format=fmt)
    return g


def _portal_iri(number: str) -> URIRef:
    return URIRef("http://dataportal.se/organisation/SE" + number.replace("-", ""))


def test_the_installations_catalogue_is_rdf_xml_by_default(client, catalogue_release):
    r = client.get("/datasets/dcat")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/rdf+xml; charset=utf-8"
    assert "Accept" in r["Vary"]
    g = _graph(r)
    catalogue = URIRef(f"{SITE}/datasets/dcat")
    assert (catalogue, RDF.type, DCAT.Catalog) in g
    titles = {t.language: str(t) for t in g.objects(catalogue, DCTERMS.title)}
    assert set(titles) == {"sv", "en"}
    assert set(g.objects(catalogue, DCTERMS.publisher)) == {_portal_iri(OPERATOR_ORGNR)}
    assert set(g.objects(catalogue, FOAF.homepage)) == {URIRef(f"{SITE}/oppna-data/")}
    assert set(g.objects(catalogue, DCTERMS.language)) == {
        URIRef(EU + "language/SWE"),
        URIRef(EU + "language/ENG"),
    }
    modified = next(g.objects(catalogue, DCTERMS.modified))
    assert modified.toPython() == catalogue_release.finished
    datasets = set(g.objects(catalogue, DCAT.dataset))
    assert datasets == {
        URIRef(f"{SITE}/data/measures#dataset"),
        URIRef(f"{SITE}/data/goals#dataset"),
    }


@pytest.mark.parametrize(
    ("headers", "query"),
    [
        ({"Accept": "text/turtle"}, ""),
        ({}, "?format=ttl"),
        ({"Accept": "text/turtle;q=0.9, application/rdf+xml;q=0.5"}, ""),
    ],
)
def test_turtle_on_request(client, catalogue_release, headers, query):
    r = client.get("/datasets/dcat" + query, headers=headers)
    assert r["Content-Type"] == "text/turtle; charset=utf-8"
    assert "Accept" in r["Vary"]
    g = _graph(r, "turtle")
    assert (URIRef(f"{SITE}/datasets/dcat"), RDF.type, DCAT.Catalog) in g


def test_rdf_xml_when_preferred_or_nothing_we_serve_is_asked_for(client, catalogue_release):
    for accept in ("application/rdf+xml, text/turtle;q=0.5", "application/json", "*/*"):
        r = client.get("/datasets/dcat", headers={"Accept": accept})
        assert r["Content-Type"].startswith("application/rdf+xml"), accept
    r = client.get("/datasets/dcat?format=rdf", headers={"Accept": "text/turtle"})
    assert r["Content-Type"].startswith("application/rdf+xml")


def test_an_unchanged_catalogue_answers_304_per_format(client, catalogue_release):
    xml = client.get("/datasets/dcat")
    turtle = client.get("/datasets/dcat", headers={"Accept": "text/turtle"})
    assert xml["ETag"] != turtle["ETag"]
    assert xml["Access-Control-Allow-Origin"] == "*"
    again = client.get("/datasets/dcat", headers={"If-None-Match": xml["ETag"]})
    assert again.status_code == 304
    assert "Accept" in again["Vary"]
    other = client.get(
        "/datasets/dcat", headers={"If-None-Match": xml["ETag"], "Accept": "text/turtle"}
    )
    assert other.status_code == 200


def test_head_is_answered_and_writes_are_not(client, catalogue_release):
    assert client.head("/datasets/dcat").status_code == 200
    assert client.post("/datasets/dcat").status_code == 405


def test_no_blank_node_and_every_iri_absolute(client, catalogue_release):
    for url in ("/datasets/dcat", "/datasets/dcat/1780"):
        g = _graph(client.get(url))
        for triple in g:
            assert not any(isinstance(term, BNode) for term in triple), triple
            for term in triple:
                if isinstance(term, URIRef):
                    assert str(term).startswith(("http://", "https://", "mailto:")), term


def test_each_dataset_as_the_registry_describes_it(client, catalogue_release):
    g = _graph(client.get("/datasets/dcat"))
    ds = URIRef(f"{SITE}/data/measures#dataset")
    assert {(str(t), t.language) for t in g.objects(ds, DCTERMS.title)} == {
        ("Klimatåtgärder", "sv"),
        ("Climate measures", "en"),
    }
    descriptions = {t.language: str(t) for t in g.objects(ds, DCTERMS.description)}
    assert descriptions["sv"].startswith("En rad per kommun och år")
    assert "Källa: Kommunens publicerade investeringsplan." in descriptions["sv"]
    assert "Source: The municipality's published investment plan." in descriptions["en"]
    assert set(g.objects(ds, DCAT.theme)) == {
        URIRef(EU + "data-theme/ENVI"),
        URIRef(EU + "data-theme/ENER"),
    }
    assert set(g.objects(ds, DCTERMS.accrualPeriodicity)) == {URIRef(EU + "frequency/ANNUAL")}
    assert set(g.objects(ds, DCTERMS.spatial)) >= {URIRef(EU + "country/SWE")}
    assert {(str(k), k.language) for k in g.objects(ds, DCAT.keyword)} == {
        ("klimat", "sv"),
        ("åtgärder", "sv"),
        ("climate", "en"),
        ("measures", "en"),
    }
    assert set(g.objects(ds, DCTERMS.publisher)) == {_portal_iri(OPERATOR_ORGNR)}
    # Years over every municipality's rows: 2019–2023.
    period = URIRef(f"{SITE}/data/measures#temporal")
    assert set(g.objects(ds, DCTERMS.temporal)) == {period}
    assert (period, RDF.type, DCTERMS.PeriodOfTime) in g
    assert next(g.objects(period, DCAT.startDate)) == Literal("2019", datatype=XSD.gYear)
    assert next(g.objects(period, DCAT.endDate)) == Literal("2023", datatype=XSD.gYear)


def test_distributions_lead_to_the_files_themselves(client, catalogue_release):
    g = _graph(client.get("/datasets/dcat"))
    ds = URIRef(f"{SITE}/data/measures#dataset")
    distributions = set(g.objects(ds, DCAT.distribution))
    csv = URIRef(f"{SITE}/data/measures.csv#distribution")
    json = URIRef(f"{SITE}/data/measures.json#distribution")
    api = URIRef(f"{SITE}/data/measures#api")
    assert distributions == {csv, json, api}
    for dist, fmt, media in (
        (csv, "CSV", "text/csv"),
        (json, "JSON", "application/json"),
    ):
        assert set(g.objects(dist, DCTERMS.format)) == {URIRef(EU + "file-type/" + fmt)}
        assert set(g.objects(dist, DCAT.mediaType)) == {
            URIRef("https://www.iana.org/assignments/media-types/" + media)
        }
        assert set(g.objects(dist, DCTERMS.license)) == {CC_BY}
        download = next(g.objects(dist, DCAT.downloadURL))
        assert set(g.objects(dist, DCAT.accessURL)) == {download}
        r = client.get(str(download).removeprefix(SITE))
        assert r.status_code == 200
        content = b"".join(r.streaming_content) if r.streaming else r.content
        size = next(g.objects(dist, DCAT.byteSize))
        assert size.datatype == XSD.decimal
        assert size.toPython() == Decimal(len(content))
    # The API as a distribution through the data service.
    service = URIRef(f"{SITE}/datasets/dcat#api")
    assert set(g.objects(api, DCAT.accessService)) == {service}
    assert set(g.objects(api, DCAT.accessURL)) == {URIRef(f"{SITE}/api/v1/")}
    # A CC0 dataset says so.
    goals_csv = URIRef(f"{SITE}/data/goals.csv#distribution")
    assert set(g.objects(goals_csv, DCTERMS.license)) == {CC0}


def test_the_api_is_a_data_service_serving_every_dataset(client, catalogue_release):
    g = _graph(client.get("/datasets/dcat"))
    catalogue = URIRef(f"{SITE}/datasets/dcat")
    service = URIRef(f"{SITE}/datasets/dcat#api")
    assert set(g.objects(catalogue, DCAT.service)) == {service}
    assert (service, RDF.type, DCAT.DataService) in g
    assert set(g.objects(service, DCAT.endpointURL)) == {URIRef(f"{SITE}/api/v1/")}
    description = next(g.objects(service, DCAT.endpointDescription))
    assert description == URIRef(f"{SITE}/api/v1/openapi.json")
    assert client.get(str(description).removeprefix(SITE)).json()["openapi"]
    assert set(g.objects(service, DCAT.servesDataset)) == set(g.objects(catalogue, DCAT.dataset))
    assert {t.language for t in g.objects(service, DCTERMS.title)} == {"sv", "en"}


def test_the_publisher_and_contact_point_of_the_installation(client, catalogue_release):
    g = _graph(client.get("/datasets/dcat"))
    publisher = _portal_iri(OPERATOR_ORGNR)
    assert str(publisher) == "http://dataportal.se/organisation/SE2021005216"
    assert {(RDF.type, FOAF.Agent), (RDF.type, FOAF.Organization)} <= set(
        g.predicate_objects(publisher)
    )
    assert {(str(n), n.language) for n in g.objects(publisher, FOAF.name)} == {
        ("Verket för innovationssystem", "sv"),
        ("Sweden's Innovation Agency", "en"),
    }
    assert set(g.objects(publisher, DCTERMS.type)) == {
        URIRef("http://purl.org/adms/publishertype/NationalAuthority")
    }
    contact = URIRef(f"{SITE}/datasets/dcat#contact")
    for ds in g.objects(URIRef(f"{SITE}/datasets/dcat"), DCAT.dataset):
        assert set(g.objects(ds, DCAT.contactPoint)) == {contact}
    assert (contact, RDF.type, VCARD.Organization) in g
    assert set(g.objects(contact, VCARD.hasEmail)) == {URIRef("mailto:oppnadata@example.se")}
    assert contact != publisher


def test_a_municipalitys_catalogue(client, catalogue_release, karlstad):
    r = client.get("/datasets/dcat/1780")
    assert r.status_code == 200
    g = _graph(r)
    catalogue = URIRef(f"{SITE}/datasets/dcat/1780")
    publisher = _portal_iri(KARLSTAD_ORGNR)
    assert str(publisher) == "http://dataportal.se/organisation/SE2120001850"
    assert set(g.objects(catalogue, DCTERMS.publisher)) == {publisher}
    assert set(g.objects(publisher, DCTERMS.type)) == {
        URIRef("http://purl.org/adms/publishertype/LocalAuthority")
    }
    assert {str(n) for n in g.objects(publisher, FOAF.name)} == {
        "Karlstad kommun",
        "Karlstad Municipality",
    }
    datasets = set(g.objects(catalogue, DCAT.dataset))
    assert datasets == {
        URIRef(f"{SITE}/data/1780/measures#dataset"),
        URIRef(f"{SITE}/data/1780/goals#dataset"),
    }
    ds = URIRef(f"{SITE}/data/1780/measures#dataset")
    assert "Klimatåtgärder – Karlstad" in {str(t) for t in g.objects(ds, DCTERMS.title)}
    csv = URIRef(f"{SITE}/data/1780/measures.csv#distribution")
    assert set(g.objects(csv, DCAT.downloadURL)) == {URIRef(f"{SITE}/data/1780/measures.csv")}
    # Its own years (the other municipality's 2021 row is not its own, here within them).
    period = URIRef(f"{SITE}/data/1780/measures#temporal")
    assert next(g.objects(period, DCAT.startDate)) == Literal("2019", datatype=XSD.gYear)
    # Its area: a named place with its SCB code, in Sweden.
    area = next(g.objects(ds, DCTERMS.spatial))
    assert str(next(g.objects(area, DCTERMS.identifier))) == "1780"
    contact = URIRef(f"{SITE}/datasets/dcat/1780#contact")
    assert set(g.objects(contact, VCARD.hasEmail)) == {
        URIRef("mailto:oppnadata@karlstad.example.se")
    }
    assert set(g.objects(catalogue, FOAF.homepage)) == {URIRef(f"{SITE}/oppna-data/?kommun=1780")}


def test_a_dataset_without_the_municipalitys_rows_is_not_in_its_catalogue(
    client, catalogue_release, other_municipality
):
    org = other_municipality.organisation
    org.org_number = "202100-5232"  # Formas' number, a real one: only its form matters here
    org.save()
    g = _graph(client.get("/datasets/dcat/0180"))
    assert set(g.objects(URIRef(f"{SITE}/datasets/dcat/0180"), DCAT.dataset)) == {
        URIRef(f"{SITE}/data/0180/measures#dataset")
    }


def test_without_an_email_the_contact_point_is_the_website_then_the_municipalitys_page(
    client, catalogue_release, karlstad
):
    org = karlstad.organisation
    org.open_data_email = ""
    org.website = "https://karlstad.example.se/"
    org.save()
    contact = URIRef(f"{SITE}/datasets/dcat/1780#contact")
    g = _graph(client.get("/datasets/dcat/1780"))
    assert not set(g.objects(contact, VCARD.hasEmail))
    assert set(g.objects(contact, VCARD.hasURL)) == {URIRef("https://karlstad.example.se/")}
    org.website = ""
    org.save()
    g = _graph(client.get("/datasets/dcat/1780"))
    assert set(g.objects(contact, VCARD.hasURL)) == {URIRef(f"{SITE}/kommun/1780/")}


def test_a_municipality_without_an_organisation_number_has_no_catalogue(
    client, catalogue_release, other_municipality
):
    r = client.get("/datasets/dcat/0180")
    assert r.status_code == 404
    assert r["Content-Type"] == "text/plain; charset=utf-8"
    assert "Stockholms kommun" in r.content.decode()
    assert "organisationsnummer" in r.content.decode()


def test_an_invalid_organisation_number_counts_as_none(client, catalogue_release, karlstad):
    org = karlstad.organisation
    org.org_number = "212000-1851"  # control digit wrong
    org.save()
    assert client.get("/datasets/dcat/1780").status_code == 404


@pytest.mark.parametrize("code", ["9999", "abc", "1780x"])
def test_unknown_or_non_publishing_codes_are_404(client, catalogue_release, code):
    r = client.get(f"/datasets/dcat/{code}")
    assert r.status_code == 404
    assert r["Content-Type"] == "text/plain; charset=utf-8"


def test_a_municipality_that_does_not_publish_has_no_catalogue(
    client, catalogue_settings, catalogue_registry, karlstad
):
    from klimatkontrakt.opendata import services
    from klimatkontrakt.opendata.models import Release

    karlstad.organisation.org_number = KARLSTAD_ORGNR
    karlstad.organisation.save()
    services.build_release(Release.Trigger.COMMAND)  # no rows anywhere
    assert client.get("/datasets/dcat/1780").status_code == 404
    g = _graph(client.get("/datasets/dcat"))
    assert not set(g.objects(URIRef(f"{SITE}/datasets/dcat"), DCAT.dataset))


def test_without_a_configured_operator_the_programme_organisation_publishes(
    client, catalogue_release, catalogue_settings
):
    catalogue_settings.OPENDATA_PUBLISHER_ORGNR = ""
    r = client.get("/datasets/dcat")
    assert r.status_code == 404
    assert "KLIMATKONTRAKT_OPENDATA_PUBLISHER_ORGNR" in r.content.decode()
    OrganisationFactory(kind="programme", name="Viable Cities", slug="viable-cities")
    assert client.get("/datasets/dcat").status_code == 404  # no number: still none
    OrganisationFactory(
        kind="programme",
        name="Programmet med nummer",
        slug="programmet",
        org_number="202100-5232",
        open_data_email="data@programmet.example.se",
    )
    g = _graph(client.get("/datasets/dcat"))
    assert set(g.objects(URIRef(f"{SITE}/datasets/dcat"), DCTERMS.publisher)) == {
        _portal_iri("202100-5232")
    }


def test_in_english_the_reason_is_in_english(client, catalogue_release, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.get("/datasets/dcat/0180")
    assert r.status_code == 404
    assert "has no organisation number registered here" in r.content.decode()
