"""The catalogue validated with SHACL (pyshacl): against the project's own shapes, written from
the DCAT-AP / DCAT-AP-SE specifications (tests/opendata/shapes/dcat_ap_se.ttl), always; and
against an official DCAT-AP shapes file when KLIMATKONTRAKT_DCAT_AP_SHAPES names one (the
tests cannot fetch it and the repository does not copy it; docs/opendata.md says how)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from klimatkontrakt.opendata.catalogue import VCARD
from tests.opendata.catalogue_release import (
    SITE,
)

pytestmark = pytest.mark.django_db
SHAPES = Path(__file__).parent / "shapes" / "dcat_ap_se.ttl"
OFFICIAL = os.environ.get("KLIMATKONTRAKT_DCAT_AP_SHAPES", "")
DATASET = URIRef(f"{SITE}/data/measures#dataset")
CATALOGUE = URIRef(f"{SITE}/datasets/dcat")


def _shapes(paths: list[Path]) -> Graph:
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    return g


def _results(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=False, advanced=True
    )
    assert isinstance(report, Graph)
    return bool(conforms), report, str(text)


@pytest.fixture
def catalogues(client, catalogue_release, karlstad) -> dict[str, Graph]:  # type: ignore[no-untyped-def]
    out = {}
    for url in ("/datasets/dcat", "/datasets/dcat/1780"):
        g = Graph()
        g.parse(data=client.get(url).content, format="xml")
        out[url] = g
    return out


def test_the_catalogues_satisfy_our_shapes(catalogues):
    shapes = _shapes([SHAPES])
    for url, graph in catalogues.items():
        conforms, _report, text = _results(graph, shapes)
        assert conforms, f"{url}:\n{text}"


def _drop(subject: URIRef, predicate: URIRef) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        assert (subject, predicate, None) in g
        g.remove((subject, predicate, None))

    return change


def _contact_as_blank_node(g: Graph) -> None:
    contact = URIRef(f"{SITE}/datasets/dcat#contact")
    blank = BNode()
    for p, o in list(g.predicate_objects(contact)):
        g.add((blank, p, o))
    for s, p in list(g.subject_predicates(contact)):
        g.add((s, p, blank))
    g.remove((contact, None, None))
    g.remove((None, None, contact))


def _contact_without_address(g: Graph) -> None:
    contact = URIRef(f"{SITE}/datasets/dcat#contact")
    g.remove((contact, VCARD.hasEmail, None))
    g.remove((contact, VCARD.hasURL, None))


def _https_licence(g: Graph) -> None:
    dist = URIRef(f"{SITE}/data/measures.csv#distribution")
    g.remove((dist, DCTERMS.license, None))
    g.add((dist, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0")))


def _publisher_without_number(g: Graph) -> None:
    wrong = URIRef(f"{SITE}/organisation/operator")
    for p, o in list(g.predicate_objects(next(g.objects(CATALOGUE, DCTERMS.publisher)))):
        g.add((wrong, p, o))
    g.set((CATALOGUE, DCTERMS.publisher, wrong))


def _title_only_in_swedish(g: Graph) -> None:
    g.remove((DATASET, DCTERMS.title, Literal("Climate measures", lang="en")))


def _theme_outside_the_eu_list(g: Graph) -> None:
    g.add((DATASET, DCAT.theme, URIRef("http://example.org/theme/climate")))


def _relative_download(g: Graph) -> None:
    dist = URIRef(f"{SITE}/data/measures.csv#distribution")
    g.set((dist, DCAT.accessURL, URIRef("data/measures.csv")))


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (_drop(DATASET, DCTERMS.title), DCTERMS.title),
        (_title_only_in_swedish, DCTERMS.title),
        (_drop(DATASET, DCTERMS.description), DCTERMS.description),
        (_drop(DATASET, DCTERMS.publisher), DCTERMS.publisher),
        (_drop(DATASET, DCAT.contactPoint), DCAT.contactPoint),
        (_drop(URIRef(f"{SITE}/data/measures.csv#distribution"), DCAT.accessURL), DCAT.accessURL),
        (_relative_download, DCAT.accessURL),
        (_https_licence, DCTERMS.license),
        (_theme_outside_the_eu_list, DCAT.theme),
        (_drop(URIRef(f"{SITE}/datasets/dcat#api"), DCAT.endpointURL), DCAT.endpointURL),
        (_contact_without_address, None),
        (_contact_as_blank_node, None),
        (_publisher_without_number, None),
    ],
    ids=lambda v: getattr(v, "__name__", str(v).rsplit("/", 1)[-1].rsplit("#", 1)[-1]),
)
def test_our_shapes_catch_what_the_portal_refuses(catalogues, change, path):
    graph = catalogues["/datasets/dcat"]
    change(graph)
    conforms, report, text = _results(graph, _shapes([SHAPES]))
    assert not conforms, "the shapes accepted a broken catalogue"
    if path is not None:
        assert path in set(report.objects(None, SH.resultPath)), text


def _violations(report: Graph) -> list[tuple[str, str, str]]:
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        out.append(
            (
                str(report.value(result, SH.sourceShape)),
                str(report.value(result, SH.focusNode)),
                str(report.value(result, SH.resultMessage)),
            )
        )
    return out


@pytest.mark.skipif(
    not OFFICIAL,
    reason=(
        "KLIMATKONTRAKT_DCAT_AP_SHAPES is not set: name the official DCAT-AP SHACL shapes "
        "(e.g. dcat-ap_2.1.1_shacl_shapes.ttl) to validate against them too"
    ),
)
def test_the_catalogues_have_no_violation_of_the_official_shapes(catalogues):
    shapes = _shapes([Path(p) for p in OFFICIAL.split(os.pathsep) if p])
    for url, graph in catalogues.items():
        _conforms, report, text = _results(graph, shapes)
        assert _violations(report) == [], f"{url}:\n{text}"
