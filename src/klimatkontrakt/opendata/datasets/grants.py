"""Grants: one row per grant and year in a municipality's grant portfolio.

The rows are `funding.selectors.grants.counted`, the grants behind the public portfolio page:
matched by organisation number, in the municipality's territory, entered for it, or matched by
name and accepted by an editor (a name match still under review is not in the file). The
recipient's organisation number is given only for a legal person: a sole trader's number is
the owner's personal identity number, and a sole trader's business name carries the owner's
name, so for such a recipient both are left out. Researchers' names are never read
(docs/funding.md).

Licence CC BY 4.0: the rows come from SweCRIS, the agencies' common API, Naturvårdsverket's
Klimatklivet list, the municipality's own grant files and entries; the repository documents
none of these as CC0, so the file is not CC0 either.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from klimatkontrakt.funding.models import Grant, GrantSource, RecipientKind
from klimatkontrakt.funding.selectors import grants as selectors
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.orgnumber import is_legal_person, normalise_org_number

MATCHES = tuple(m.value for m in Grant.Match if m.value)


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    municipalities = (
        [municipality] if municipality else Municipality.objects.order_by("code").iterator()
    )
    for m in municipalities:
        grants = selectors.counted(m).order_by(
            "year", "funder_name", "reference", "recipient_name", "pk"
        )
        for g in grants:
            yield _row(m, g)


def _row(m: Municipality, g: Grant) -> dict[str, Any]:
    number = g.recipient_org_number
    personal = bool(number) and not is_legal_person(number)
    return {
        "municipality_code": m.code,
        "municipality_name": m.name,
        "grant_id": g.pk,
        "funder": g.funder_name,
        "reference": g.reference,
        "title": g.title or None,
        "recipient": None if personal else g.recipient_name,
        "recipient_org_number": normalise_org_number(number) if number and not personal else None,
        "recipient_kind": g.recipient_kind or None,
        "role": g.role or None,
        "year": g.year,
        "amount_sek": g.amount_sek,
        "start_date": g.start_date,
        "end_date": g.end_date,
        "programme": g.programme or None,
        "status": g.status or None,
        "match": g.match or None,
        "source": g.source,
        "source_name": g.source_name,
        "fetched_on": g.fetched_on,
        "example_data": g.is_example,
    }


_FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field("grant_id", "integer", "Radens id.", "The row's id.", required=True),
    Field(
        "funder",
        "string",
        "Finansiären (myndighet eller program).",
        "The funder (agency or programme).",
        required=True,
    ),
    Field(
        "reference",
        "string",
        "Finansiärens diarienummer.",
        "The funder's reference (diarienummer).",
        required=True,
    ),
    Field("title", "string", "Projektets titel.", "The project's title."),
    Field(
        "recipient",
        "string",
        "Mottagarens namn; tomt för en enskild näringsidkare (namnet är en persons).",
        "The recipient's name; empty for a sole trader (the name is a person's).",
    ),
    Field(
        "recipient_org_number",
        "string",
        "Mottagarens organisationsnummer (NNNNNN-NNNN), bara för juridiska personer.",
        "The recipient's organisation number (NNNNNN-NNNN), for legal persons only.",
    ),
    Field(
        "recipient_kind",
        "string",
        "Mottagare: municipality = kommunen, company = kommunalt bolag, association = "
        "kommunalförbund, other = andra i kommunens geografiska område.",
        "Recipient: municipality = the municipality, company = municipal company, "
        "association = municipal association, other = others in the municipality's territory.",
        enum=tuple(RecipientKind.values),
    ),
    Field(
        "role",
        "string",
        "Mottagarens roll: coordinator = koordinator, partner = partner.",
        "The recipient's role: coordinator or partner.",
        enum=("coordinator", "partner"),
    ),
    Field("year", "year", "Året beloppet avser.", "The year of the amount.", required=True),
    Field(
        "amount_sek",
        "number",
        "Beviljat belopp det året.",
        "The amount granted for that year.",
        unit="SEK",
        required=True,
    ),
    Field("start_date", "date", "Projektets start.", "The project's start."),
    Field("end_date", "date", "Projektets slut.", "The project's end."),
    Field("programme", "string", "Program eller utlysning.", "Programme or call."),
    Field(
        "status",
        "string",
        "Status som källan anger den.",
        "The status as the source gives it.",
    ),
    Field(
        "match",
        "string",
        "Hur bidraget knöts till kommunen: number = organisationsnummer, name = namn "
        "(godkänt av kommunen), territory = i kommunens geografiska område, manual = inlagt "
        "för kommunen.",
        "How the grant was tied to the municipality: number = organisation number, name = "
        "name (accepted by the municipality), territory = in the municipality's territory, "
        "manual = entered for the municipality.",
        enum=MATCHES,
    ),
    Field(
        "source",
        "string",
        "Källa: swecris = SweCRIS-export, gdp = finansiärernas gemensamma API, klimatklivet = "
        "Naturvårdsverkets lista över Klimatklivet, template = bidragsmallen, manual = inlagt "
        "på sidan.",
        "Source: swecris = SweCRIS export, gdp = the funders' common API, klimatklivet = "
        "Naturvårdsverket's Klimatklivet list, template = the grant template, manual = entered "
        "on the page.",
        required=True,
        enum=tuple(GrantSource.values),
    ),
    Field("source_name", "string", "Källfilen eller API:t.", "The source file or API."),
    Field("fetched_on", "date", "Dagen uppgiften hämtades.", "The day the record was fetched."),
    Field(
        "example_data",
        "boolean",
        "Sant när raden är påhittade exempeldata.",
        "True when the row is invented example data.",
    ),
)

DATASET = Dataset(
    key="grants",
    title_sv="Bidrag",
    title_en="Grants",
    description_sv=(
        "Bidrag från nationella finansiärer till kommunerna, deras bolag och andra i "
        "kommunernas område: en rad per bidrag och år med finansiär, diarienummer, mottagare, "
        "belopp och program."
    ),
    description_en=(
        "Grants from national funders to the municipalities, their companies and others in "
        "their territory: one row per grant and year with funder, reference, recipient, "
        "amount and programme."
    ),
    fields=_FIELDS,
    rows=rows,
    primary_key=("municipality_code", "grant_id"),
    # National records about a municipality, not its own publication (like SMHI's figures).
    defines_publisher=False,
    themes=("ECON", "GOVE", "ENVI"),
    frequency="IRREG",
    source_sv=(
        "SweCRIS (Vetenskapsrådet), finansiärernas gemensamma API (Vinnova, Formas, Forte, "
        "Vetenskapsrådet), Naturvårdsverkets lista över beviljade Klimatklivet-projekt och "
        "kommunens egna bidragsfiler."
    ),
    source_en=(
        "SweCRIS (Swedish Research Council), the funders' common API (Vinnova, Formas, Forte, "
        "Swedish Research Council), Naturvårdsverket's list of granted Klimatklivet projects "
        "and the municipality's own grant files."
    ),
    keywords_sv=("bidrag", "finansiering", "Klimatklivet", "Vinnova"),
    keywords_en=("grants", "funding", "Klimatklivet", "Vinnova"),
)
