"""The DCAT-AP-SE catalogue that dataportal.se harvests: one for the installation and one for
each municipality that publishes (docs/opendata.md, "Catalogue (DCAT-AP-SE)").

`catalogue_graph` is a pure mapping from what the release published (its files, their sizes and
times, each dataset's years), the dataset registry and the publisher's facts to an RDF graph.
`installation_catalogue` and `municipality_catalogue` read those facts (the release selectors,
the settings, the organisation) and raise `CatalogueUnavailable` with the reason when there is
no catalogue to give.

The portal's harvesting rules shape the graph: every address is absolute (from SITE_URL), the
catalogue, datasets, distributions, publisher and contact point are named by IRIs (no blank
nodes at all here), the publisher is `http://dataportal.se/organisation/SE<orgnr>`, and
controlled vocabularies use their canonical IRIs (CC BY as http://creativecommons.org/licenses/
by/4.0/, the EU data themes, frequencies, file types, languages and countries). A catalogue's IRI
is the address it is served at, so a municipality with a catalogue of its own can list ours as a
part (`dct:hasPart`) and the portal fetches it from there.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from klimatkontrakt.opendata import datasets as registry
from klimatkontrakt.opendata import selectors
from klimatkontrakt.opendata.datasets.base import CC0, Dataset
from klimatkontrakt.organisations.models import Municipality, Organisation
from klimatkontrakt.sources.orgnumber import InvalidOrgNumber, normalise_org_number

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
FREQUENCY = Namespace(EU + "frequency/")
FILE_TYPE = Namespace(EU + "file-type/")
LANGUAGE = Namespace(EU + "language/")
COUNTRY = Namespace(EU + "country/")
ACCESS_RIGHT = Namespace(EU + "access-right/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
# The EU data themes' labels (the Publications Office's list) and the ADMS publisher types':
# the catalogue describes each term it uses, so a validator needs no vocabulary beside it.
THEME_LABELS = {
    "AGRI": (
        "Jordbruk, fiske, skogsbruk och livsmedel",
        "Agriculture, fisheries, forestry and food",
    ),
    "ECON": ("Ekonomi och finans", "Economy and finance"),
    "EDUC": ("Utbildning, kultur och sport", "Education, culture and sport"),
    "ENER": ("Energi", "Energy"),
    "ENVI": ("Miljö", "Environment"),
    "GOVE": ("Regeringen och den offentliga sektorn", "Government and public sector"),
    "HEAL": ("Hälsa", "Health"),
    "INTR": ("Internationella frågor", "International issues"),
    "JUST": (
        "Rättvisa, rättssystem och allmän säkerhet",
        "Justice, legal system and public safety",
    ),
    "REGI": ("Regioner och städer", "Regions and cities"),
    "SOCI": ("Befolkning och samhälle", "Population and society"),
    "TECH": ("Vetenskap och teknik", "Science and technology"),
    "TRAN": ("Transport", "Transport"),
}
PUBLISHER_TYPE_LABELS = {
    "Academia-ScientificOrganisation": "Academia/Scientific organisation",
    "Company": "Company",
    "IndustryConsortium": "Industry consortium",
    "LocalAuthority": "Local Authority",
    "NationalAuthority": "National authority",
    "NonGovernmentalOrganisation": "Non-Governmental Organisation",
    "NonProfitOrganisation": "Non-Profit Organisation",
    "PrivateIndividual(s)": "Private Individual(s)",
    "RegionalAuthority": "Regional authority",
    "StandardisationBody": "Standardisation body",
    "SupraNationalAuthority": "Supra-national authority",
}
PUBLISHER_TYPES = tuple(PUBLISHER_TYPE_LABELS)
# The class DCAT-AP gives the value of each property that points at a vocabulary term.
RANGES = {
    DCTERMS.language: DCTERMS.LinguisticSystem,
    DCTERMS.license: DCTERMS.LicenseDocument,
    DCTERMS.spatial: DCTERMS.Location,
    DCTERMS.format: DCTERMS.MediaTypeOrExtent,
    DCAT.mediaType: DCTERMS.MediaType,
    DCAT.theme: SKOS.Concept,
    DCTERMS.accessRights: DCTERMS.RightsStatement,
    DCTERMS.accrualPeriodicity: DCTERMS.Frequency,
    DCAT.landingPage: FOAF.Document,
    DCAT.themeTaxonomy: SKOS.ConceptScheme,
}
# Sweden in GeoNames, which DCAT-AP-SE recommends for named places, and in the EU country list.
SWEDEN = (COUNTRY.SWE, URIRef("http://sws.geonames.org/2661886"))
FORMATS = {
    "csv": (FILE_TYPE.CSV, IANA["text/csv"]),
    "json": (FILE_TYPE.JSON, IANA["application/json"]),
}
PORTAL_ORGANISATION = "http://dataportal.se/organisation/SE"


class PublishedFileFacts(Protocol):
    """What the catalogue needs of a published file (opendata.selectors.PublishedFile)."""

    @property
    def dataset(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def bytes(self) -> int: ...
    @property
    def rows(self) -> int: ...
    @property
    def modified(self) -> datetime.datetime: ...


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes a catalogue, as dataportal.se identifies it."""

    org_number: str  # NNNNNN-NNNN, checked
    name_sv: str
    name_en: str
    type: str  # one of PUBLISHER_TYPES
    email: str = ""  # a functional mailbox, never a person's
    url: str = ""

    @property
    def iri(self) -> URIRef:
        return URIRef(PORTAL_ORGANISATION + self.org_number.replace("-", ""))


@dataclass(frozen=True)
class Scope:
    """Whose catalogue: the installation's (`code` "") or one municipality's."""

    code: str = ""
    name: str = ""  # the municipality's name, "Karlstad"
    display_name: str = ""  # "Karlstads kommun"


@dataclass(frozen=True)
class CatalogueInput:
    """Everything the graph is made from; addresses are absolute."""

    catalogue_iri: str  # where the catalogue is served: <SITE_URL>/datasets/dcat[/<code>]
    data_base: str  # the files' base address, <SITE_URL>/data/
    homepage: str  # the "Öppna data" page
    api_endpoint: str  # <SITE_URL>/api/v1/
    api_description: str  # the OpenAPI document
    scope: Scope
    publisher: Publisher
    datasets: Sequence[Dataset]
    files: Sequence[PublishedFileFacts]
    coverage: Mapping[str, tuple[int, int]]  # dataset key → first and last year
    modified: datetime.datetime | None  # when the release was built
    fallback_contact_url: str = ""  # the contact point's address when the publisher has none


CATALOGUE_TITLE = ("Klimatkontrakt: öppna data", "Klimatkontrakt: open data")
CATALOGUE_DESCRIPTION = (
    "Öppna data om kommunernas klimatarbete inom Klimatkontrakt 2030: kontrakt och åtaganden, "
    "utsläpp och koldioxidbudgetar, indikatorer, handlingsplaner, klimatinvesteringar, "
    "konsumtionsbaserade utsläpp, lokala klimatkontrakt, förslag och svar samt bidrag. Varje "
    "datamängd finns som CSV och JSON med ett Frictionless-datapaket, och genom ett API.",
    "Open data on the climate work of the municipalities in Klimatkontrakt 2030 (Sweden's "
    "climate city contracts): contracts and commitments, emissions and carbon budgets, "
    "indicators, action plans, climate investments, consumption-based emissions, local climate "
    "contracts, proposals and answers, and grants. Each dataset is available as CSV and JSON "
    "with a Frictionless data package, and through an API.",
)
MUNICIPALITY_TITLE = (
    "{display_name}: öppna data om klimatarbetet",
    "{name} Municipality: open data on climate work",
)
MUNICIPALITY_DESCRIPTION = (
    "Öppna data om {display_name}s klimatarbete inom Klimatkontrakt 2030, som kommunen själv "
    "har publicerat. Varje datamängd finns som CSV och JSON med ett Frictionless-datapaket, och "
    "genom ett API.",
    "Open data on the climate work of {name} Municipality in Klimatkontrakt 2030 (Sweden's "
    "climate city contracts), as the municipality has published it. Each dataset is available "
    "as CSV and JSON with a Frictionless data package, and through an API.",
)
API_TITLE = ("Klimatkontraktets API", "The Klimatkontrakt API")
API_DESCRIPTION = (
    "Ett JSON-API (OpenAPI) med kommunernas publicerade klimatarbete. Läsning utan inloggning "
    "ger det som är publicerat; program kan använda en API-nyckel.",
    "A JSON API (OpenAPI) with the municipalities' published climate work. Reading without "
    "logging in gives what is published; programs may use an API token.",
)
FORMAT_NAMES = {"csv": "CSV", "json": "JSON"}
SOURCE_LABEL = ("Källa", "Source")
API_DISTRIBUTION_TITLE = ("{title} genom API:t", "{title} through the API")


def _sv_en(graph: Graph, subject: URIRef, predicate: URIRef, pair: tuple[str, str]) -> None:
    graph.add((subject, predicate, Literal(pair[0], lang="sv")))
    graph.add((subject, predicate, Literal(pair[1], lang="en")))


def catalogue_graph(c: CatalogueInput) -> Graph:
    """The catalogue as an RDF graph (DCAT-AP 2.1 / DCAT-AP-SE 2), every node an IRI."""
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        g.bind(prefix, ns)
    g.bind("locn", LOCN)
    g.bind("skos", SKOS)

    catalogue = URIRef(c.catalogue_iri)
    publisher = c.publisher.iri
    contact = URIRef(c.catalogue_iri + "#contact")
    service = URIRef(c.catalogue_iri + "#api")
    spatial = _spatial(g, c)

    g.add((catalogue, RDF.type, DCAT.Catalog))
    if c.scope.code:
        titles = tuple(t.format(**vars(c.scope)) for t in MUNICIPALITY_TITLE)
        descriptions = tuple(t.format(**vars(c.scope)) for t in MUNICIPALITY_DESCRIPTION)
    else:
        titles, descriptions = CATALOGUE_TITLE, CATALOGUE_DESCRIPTION
    _sv_en(g, catalogue, DCTERMS.title, (titles[0], titles[1]))
    _sv_en(g, catalogue, DCTERMS.description, (descriptions[0], descriptions[1]))
    g.add((catalogue, DCTERMS.publisher, publisher))
    # The catalogue's own metadata is free to reuse; each distribution states the data's licence.
    g.add((catalogue, DCTERMS.license, URIRef(CC0.iri)))
    g.add((catalogue, DCTERMS.language, LANGUAGE.SWE))
    g.add((catalogue, DCTERMS.language, LANGUAGE.ENG))
    g.add((catalogue, FOAF.homepage, URIRef(c.homepage)))
    g.add((catalogue, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    for place in spatial:
        g.add((catalogue, DCTERMS.spatial, place))
    if c.modified is not None:
        g.add((catalogue, DCTERMS.modified, Literal(c.modified, datatype=XSD.dateTime)))
    g.add((catalogue, DCAT.service, service))

    _publisher(g, c.publisher)
    _contact(g, contact, c)

    g.add((service, RDF.type, DCAT.DataService))
    _sv_en(g, service, DCTERMS.title, API_TITLE)
    _sv_en(g, service, DCTERMS.description, API_DESCRIPTION)
    g.add((service, DCAT.endpointURL, URIRef(c.api_endpoint)))
    g.add((service, DCAT.endpointDescription, URIRef(c.api_description)))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((service, DCAT.contactPoint, contact))
    g.add((service, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))

    files_by_dataset: dict[str, list[PublishedFileFacts]] = {}
    for f in c.files:
        files_by_dataset.setdefault(f.dataset, []).append(f)
    # A dataset with no published rows (here) is written as an empty file but not catalogued.
    included = [ds for ds in c.datasets if any(f.rows for f in files_by_dataset.get(ds.key, []))]
    g.add((service, DCTERMS.license, URIRef(_data_licence(included))))
    for ds in included:
        files = sorted(files_by_dataset[ds.key], key=lambda f: f.format)
        dataset = _dataset(g, c, ds, files, contact, service, spatial)
        g.add((catalogue, DCAT.dataset, dataset))
        g.add((service, DCAT.servesDataset, dataset))
    _describe_terms(g, catalogue)
    return g


def _describe_terms(g: Graph, catalogue: URIRef) -> None:
    """Type each vocabulary term as DCAT-AP's ranges say and label the themes, their scheme and
    the publisher types, so that the catalogue validates on its own. Homepages are documents."""
    for predicate, cls in RANGES.items():
        for term in set(g.objects(None, predicate)):
            g.add((term, RDF.type, cls))
    for homepage in set(g.objects(catalogue, FOAF.homepage)):
        g.add((homepage, RDF.type, FOAF.Document))
    scheme = URIRef(EU + "data-theme")
    if (scheme, RDF.type, SKOS.ConceptScheme) in g:
        _sv_en(g, scheme, DCTERMS.title, ("Datatema", "Data theme"))
    for theme in set(g.objects(None, DCAT.theme)):
        g.add((theme, SKOS.inScheme, scheme))
        labels = THEME_LABELS.get(str(theme).rsplit("/", 1)[-1])
        if labels:
            _sv_en(g, URIRef(str(theme)), SKOS.prefLabel, labels)
    for kind in set(g.objects(None, DCTERMS.type)):
        label = PUBLISHER_TYPE_LABELS.get(str(kind).rsplit("/", 1)[-1])
        if label:
            g.add((kind, RDF.type, SKOS.Concept))
            g.add((kind, SKOS.prefLabel, Literal(label, lang="en")))


def _data_licence(datasets: Sequence[Dataset]) -> str:
    """The API's licence: CC0 only when every dataset it serves is CC0, else theirs (CC BY)."""
    others = [d.licence.iri for d in datasets if d.licence.iri != CC0.iri]
    return others[0] if others else CC0.iri


def _spatial(g: Graph, c: CatalogueInput) -> list[URIRef]:
    """Sweden for the installation; for a municipality a place of our own (no authority list
    with IRIs for Swedish municipalities is at hand), named and coded as SCB codes it."""
    if not c.scope.code:
        return list(SWEDEN)
    place = URIRef(c.catalogue_iri + "#area")
    g.add((place, RDF.type, DCTERMS.Location))
    g.add((place, LOCN.geographicName, Literal(c.scope.name, lang="sv")))
    g.add((place, SKOS.prefLabel, Literal(c.scope.display_name, lang="sv")))
    g.add((place, SKOS.prefLabel, Literal(f"{c.scope.name} Municipality", lang="en")))
    g.add((place, DCTERMS.identifier, Literal(c.scope.code)))
    g.add((place, DCTERMS.isPartOf, COUNTRY.SWE))
    return [place]


def _publisher(g: Graph, p: Publisher) -> None:
    node = p.iri
    g.add((node, RDF.type, FOAF.Agent))
    g.add((node, RDF.type, FOAF.Organization))
    g.add((node, FOAF.name, Literal(p.name_sv, lang="sv")))
    g.add((node, FOAF.name, Literal(p.name_en or p.name_sv, lang="en")))
    g.add((node, DCTERMS.type, PUBLISHER_TYPE[p.type]))
    if p.url:
        g.add((node, FOAF.homepage, URIRef(p.url)))


def _contact(g: Graph, node: URIRef, c: CatalogueInput) -> None:
    """The publisher's contact card: its functional mailbox, else its website, else the page
    that shows its published work."""
    p = c.publisher
    g.add((node, RDF.type, VCARD.Organization))
    g.add((node, RDF.type, VCARD.Kind))
    g.add((node, VCARD.fn, Literal(p.name_sv)))
    if p.email:
        g.add((node, VCARD.hasEmail, URIRef(f"mailto:{p.email}")))
    url = p.url or c.fallback_contact_url
    if url:
        g.add((node, VCARD.hasURL, URIRef(url)))


def _dataset(
    g: Graph,
    c: CatalogueInput,
    ds: Dataset,
    files: list[PublishedFileFacts],
    contact: URIRef,
    service: URIRef,
    spatial: list[URIRef],
) -> URIRef:
    document = c.data_base + (f"{c.scope.code}/" if c.scope.code else "") + ds.key
    node = URIRef(document + "#dataset")
    g.add((node, RDF.type, DCAT.Dataset))
    suffix = f" – {c.scope.name}" if c.scope.code else ""
    _sv_en(g, node, DCTERMS.title, (ds.title_sv + suffix, ds.title_en + suffix))
    _sv_en(g, node, DCTERMS.description, (_described(ds, "sv"), _described(ds, "en")))
    g.add((node, DCTERMS.identifier, Literal(document)))
    g.add((node, DCTERMS.publisher, c.publisher.iri))
    g.add((node, DCAT.contactPoint, contact))
    for theme in ds.themes:
        g.add((node, DCAT.theme, THEME[theme]))
    g.add((node, DCTERMS.accrualPeriodicity, FREQUENCY[ds.frequency]))
    for place in spatial:
        g.add((node, DCTERMS.spatial, place))
    for word in ds.keywords_sv:
        g.add((node, DCAT.keyword, Literal(word, lang="sv")))
    for word in ds.keywords_en:
        g.add((node, DCAT.keyword, Literal(word, lang="en")))
    g.add((node, DCAT.landingPage, URIRef(c.homepage)))
    g.add((node, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
    modified = max(f.modified for f in files)
    g.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    years = c.coverage.get(ds.key)
    if years is not None:
        period = URIRef(document + "#temporal")
        g.add((node, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(str(years[0]), datatype=XSD.gYear)))
        g.add((period, DCAT.endDate, Literal(str(years[1]), datatype=XSD.gYear)))

    licence = URIRef(ds.licence.iri)
    title = (ds.title_sv + suffix, ds.title_en + suffix)
    for f in files:
        file_type, media_type = FORMATS[f.format]
        url = URIRef(c.data_base + f.path)
        dist = URIRef(f"{c.data_base}{f.path}#distribution")
        g.add((node, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        name = FORMAT_NAMES[f.format]
        _sv_en(g, dist, DCTERMS.title, (f"{title[0]} ({name})", f"{title[1]} ({name})"))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCTERMS.format, file_type))
        g.add((dist, DCAT.mediaType, media_type))
        g.add((dist, DCTERMS.license, licence))
        g.add((dist, DCAT.byteSize, Literal(Decimal(f.bytes), datatype=XSD.decimal)))
        g.add((dist, DCTERMS.modified, Literal(f.modified, datatype=XSD.dateTime)))

    api = URIRef(document + "#api")
    g.add((node, DCAT.distribution, api))
    g.add((api, RDF.type, DCAT.Distribution))
    _sv_en(
        g,
        api,
        DCTERMS.title,
        (
            API_DISTRIBUTION_TITLE[0].format(title=title[0]),
            API_DISTRIBUTION_TITLE[1].format(title=title[1]),
        ),
    )
    g.add((api, DCAT.accessURL, URIRef(c.api_endpoint)))
    g.add((api, DCAT.accessService, service))
    g.add((api, DCTERMS.format, FILE_TYPE.JSON))
    g.add((api, DCAT.mediaType, IANA["application/json"]))
    g.add((api, DCTERMS.license, licence))
    return node


def _described(ds: Dataset, language: str) -> str:
    source = ds.source_en if language == "en" else ds.source_sv
    text = ds.description(language)
    if not source:
        return text
    label = SOURCE_LABEL[1] if language == "en" else SOURCE_LABEL[0]
    return f"{text} {label}: {source}"


# Reading the facts --------------------------------------------------------------------------


class CatalogueUnavailable(Exception):
    """There is no catalogue to give; the message says why (in the interface language)."""


def _checked(org_number: str) -> str:
    try:
        return normalise_org_number(org_number)
    except InvalidOrgNumber:
        return ""


def installation_publisher() -> Publisher | None:
    """The operator from the settings; unset, the programme organisation with an organisation
    number (the first by name); None when neither gives a valid number."""
    number = _checked(settings.OPENDATA_PUBLISHER_ORGNR)
    if number and settings.OPENDATA_PUBLISHER_NAME:
        kind = settings.OPENDATA_PUBLISHER_TYPE
        return Publisher(
            org_number=number,
            name_sv=settings.OPENDATA_PUBLISHER_NAME,
            name_en=settings.OPENDATA_PUBLISHER_NAME_EN or settings.OPENDATA_PUBLISHER_NAME,
            type=kind if kind in PUBLISHER_TYPES else "NationalAuthority",
            email=settings.OPENDATA_PUBLISHER_EMAIL,
            url=settings.OPENDATA_PUBLISHER_URL,
        )
    for org in Organisation.objects.filter(kind=Organisation.Kind.PROGRAMME).exclude(org_number=""):
        number = _checked(org.org_number)
        if number:
            return Publisher(
                org_number=number,
                name_sv=org.name,
                name_en=org.name,
                type="NationalAuthority",
                email=org.open_data_email,
                url=org.website,
            )
    return None


def municipality_publisher(municipality: Municipality) -> Publisher | None:
    """The municipality as publisher; None without a valid organisation number."""
    org = municipality.organisation
    number = _checked(org.org_number)
    if not number:
        return None
    return Publisher(
        org_number=number,
        name_sv=org.name,
        name_en=f"{municipality.name} Municipality",
        type="LocalAuthority",
        email=org.open_data_email,
        url=org.website,
    )


def installation_catalogue() -> Graph:
    """The installation's catalogue: every dataset of the current release."""
    publisher = installation_publisher()
    if publisher is None:
        raise CatalogueUnavailable(
            _(
                "This installation has no open data catalogue: its publisher is not configured "
                "(the settings KLIMATKONTRAKT_OPENDATA_PUBLISHER_ORGNR and "
                "KLIMATKONTRAKT_OPENDATA_PUBLISHER_NAME, or an organisation number for the "
                "programme organisation)."
            )
        )
    site = settings.SITE_URL
    homepage = site + reverse("opendata:index")
    return catalogue_graph(
        _input(site + reverse("opendata-dcat"), Scope(), publisher, homepage, homepage)
    )


def municipality_catalogue(code: str) -> Graph:
    """One municipality's catalogue: its files of the current release. Only a municipality
    that publishes (opendata.selectors.publishing_municipalities) and has an organisation
    number has one."""
    municipality = next((m for m in selectors.publishing_municipalities() if m.code == code), None)
    if municipality is None:
        raise CatalogueUnavailable(
            _("No municipality with the code %(code)s publishes open data here.")
            % {"code": code[:10]}
        )
    publisher = municipality_publisher(municipality)
    if publisher is None:
        raise CatalogueUnavailable(
            _(
                "%(name)s has no organisation number registered here, so it has no catalogue of "
                "its own; its datasets are in the installation's catalogue at /datasets/dcat."
            )
            % {"name": municipality.display_name}
        )
    site = settings.SITE_URL
    scope = Scope(code, municipality.name, municipality.display_name)
    return catalogue_graph(
        _input(
            site + reverse("opendata-dcat-municipality", args=[code]),
            scope,
            publisher,
            f"{site}{reverse('opendata:index')}?kommun={code}",
            site + reverse("web:municipality", args=[code]),
        )
    )


def _input(
    catalogue_iri: str, scope: Scope, publisher: Publisher, homepage: str, contact_url: str
) -> CatalogueInput:
    site = settings.SITE_URL
    release = selectors.current_release()
    code = scope.code or None
    datasets = registry.all_datasets()
    coverage = {}
    for ds in datasets:
        years = selectors.temporal_coverage(ds.key, code, release) if release else None
        if years is not None:
            coverage[ds.key] = years
    return CatalogueInput(
        catalogue_iri=catalogue_iri,
        data_base=site + reverse("opendata:datapackage").removesuffix("datapackage.json"),
        homepage=homepage,
        api_endpoint=site + reverse("api:api-root"),
        api_description=site + reverse("api:openapi-json"),
        scope=scope,
        publisher=publisher,
        datasets=datasets,
        files=selectors.published_files(code, release) if release else [],
        coverage=coverage,
        modified=(release.finished or release.created) if release else None,
        fallback_contact_url=contact_url,
    )
