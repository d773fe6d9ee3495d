"""Climate contracts and commitments: one row per commitment of each published contract version.

Read as the public reads the version page (`contracts.selectors.visible_versions` for an
anonymous reader, `sections_with_commitments` for the page's order): the city's own commitments
and, where the version takes the year's common part, the programme's and the agencies'
commitments with the status their owner keeps. A common part that Viable Cities' programme
office has not fixed yet is a draft, so its commitments are left out until it is fixed.
Signatories' names are left out (no names of persons in the open files).

Licence CC BY 4.0: the texts are the municipalities' and the programme's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from klimatkontrakt.contracts.models import (
    Commitment,
    CommonCommitment,
    ContractVersion,
    Party,
    Section,
)
from klimatkontrakt.contracts.selectors import sections_with_commitments, visible_versions
from klimatkontrakt.contracts.structure import DEFAULT_STATUSES, default_status_label
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.organisations.models import Municipality

_DEFAULT_STATUS_TEXT_SV = ", ".join(f"{key} ({sv})" for key, sv, _en, _c in DEFAULT_STATUSES)
_DEFAULT_STATUS_TEXT_EN = ", ".join(f"{key} ({en})" for key, _sv, en, _c in DEFAULT_STATUSES)

FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field(
        "contract_year",
        "integer",
        "Kontraktsversionens år (en version per kommun och år).",
        "The year of the contract version (one version per municipality and year).",
        required=True,
    ),
    Field(
        "version_state",
        "string",
        "Versionens läge: signed = undertecknad (låst), draft = publicerat utkast.",
        "The version's state: signed = signed (frozen), draft = a published draft.",
        required=True,
        enum=("signed", "draft"),
    ),
    Field(
        "signed_date",
        "date",
        "Dagen då versionen undertecknades; tomt för ett utkast.",
        "The day the version was signed; empty for a draft.",
    ),
    Field(
        "commitment_id",
        "string",
        "Åtagandets id (UUID), detsamma för samma åtagande i alla årsversioner.",
        "The commitment's id (UUID), the same for the same commitment in every yearly version.",
        required=True,
    ),
    Field(
        "contract_part",
        "string",
        "own = kommunens egen del av kontraktet; common = den gemensamma delen som Viable "
        "Cities programkontor håller och som är densamma i alla kontraktskommuner det året.",
        "own = the municipality's own part of the contract; common = the common part Viable "
        "Cities' programme office keeps, the same in every contract city's contract that year.",
        required=True,
        enum=("own", "common"),
    ),
    Field(
        "section_key",
        "string",
        "Avsnittets nyckel (t.ex. municipality, mobility, agencies).",
        "The section's key (e.g. municipality, mobility, agencies).",
        required=True,
    ),
    Field(
        "section_number",
        "string",
        "Avsnittets nummer i kontraktet (t.ex. 3.9).",
        "The section's number in the contract (e.g. 3.9).",
    ),
    Field(
        "section_title",
        "string",
        "Avsnittets rubrik så som kontraktet formulerar den (svenska).",
        "The section's heading as the contract words it (Swedish).",
    ),
    Field(
        "party",
        "string",
        "Parten som åtagandet tillhör: kommunen, en myndighet eller Viable Cities (för ett "
        "gemensamt åtagande den myndighet som leder det).",
        "The party the commitment belongs to: the municipality, an agency or Viable Cities "
        "(for a joint commitment the agency that leads it).",
        required=True,
    ),
    Field(
        "party_role",
        "string",
        "Partens roll: municipality = kommunen, agency = myndighet, programme = Viable Cities.",
        "The party's role: municipality, agency, or programme (Viable Cities).",
        required=True,
        enum=tuple(Party.Role.values),
    ),
    Field(
        "joint",
        "boolean",
        "Sant när åtagandet görs gemensamt av alla parter av samma slag (t.ex. de sex "
        "myndigheterna).",
        "True when the commitment is made jointly by all parties of its kind (e.g. the six "
        "agencies).",
        required=True,
    ),
    Field("title", "string", "Åtagandets rubrik.", "The commitment's title.", required=True),
    Field("description", "string", "Åtagandets text.", "The commitment's text."),
    Field(
        "planned_year",
        "integer",
        "Året då åtagandet planeras vara genomfört.",
        "The year the commitment is planned to be carried out.",
    ),
    Field(
        "status",
        "string",
        "Statusens kod. Gemensamma åtaganden och de flesta kommuner använder "
        f"{_DEFAULT_STATUS_TEXT_SV}; en kommun kan ha egna statusar (se status_label_sv).",
        "The status code. Common commitments and most municipalities use "
        f"{_DEFAULT_STATUS_TEXT_EN}; a municipality may keep statuses of its own (see "
        "status_label_en).",
        required=True,
    ),
    Field("status_label_sv", "string", "Statusens namn på svenska.", "The status in Swedish."),
    Field("status_label_en", "string", "Statusens namn på engelska.", "The status in English."),
    Field(
        "responsible_department",
        "string",
        "Den förvaltning eller det bolag som ansvarar för åtagandet; tomt när ingen är utsedd.",
        "The administration or company responsible for the commitment; empty when none is named.",
    ),
    Field(
        "carried_over_from_year",
        "integer",
        "Året för den version som åtagandet fördes över från; tomt för ett nytt åtagande.",
        "The year of the version the commitment was carried over from; empty for a new one.",
    ),
)


def _version_fields(m: Municipality, v: ContractVersion) -> dict[str, Any]:
    return {
        "municipality_code": m.code,
        "municipality_name": m.name,
        "contract_year": v.year,
        "version_state": v.state,
        "signed_date": timezone.localdate(v.signed_at) if v.signed_at else None,
    }


def _section_fields(s: Section) -> dict[str, Any]:
    return {"section_key": s.key, "section_number": s.number, "section_title": s.title}


def _common_row(base: dict[str, Any], s: Section, c: CommonCommitment) -> dict[str, Any]:
    return {
        **base,
        "commitment_id": str(c.lineage),
        "contract_part": "common",
        **_section_fields(s),
        "party": c.owner.name,
        "party_role": c.owner.kind,
        "joint": c.joint,
        "title": c.title,
        "description": c.description,
        "planned_year": c.planned_year,
        "status": c.status,
        "status_label_sv": default_status_label(c.status, "sv"),
        "status_label_en": default_status_label(c.status, "en"),
        "responsible_department": None,
        "carried_over_from_year": (
            c.carried_over_from.common_part.year if c.carried_over_from else None
        ),
    }


def _own_row(base: dict[str, Any], s: Section, c: Commitment) -> dict[str, Any]:
    department = c.responsible_department
    return {
        **base,
        "commitment_id": str(c.lineage),
        "contract_part": "own",
        **_section_fields(s),
        "party": c.party.organisation.name,
        "party_role": c.party.role,
        "joint": c.joint,
        "title": c.title,
        "description": c.description,
        "planned_year": c.planned_year,
        "status": c.status.key,
        "status_label_sv": c.status.name_sv,
        "status_label_en": c.status.name_en,
        "responsible_department": department.name if department else None,
        "carried_over_from_year": (
            c.carried_over_from.version.year if c.carried_over_from else None
        ),
    }


def _municipalities(municipality: Municipality | None) -> list[Municipality]:
    if municipality is not None:
        return [municipality]
    return list(Municipality.objects.filter(contract__isnull=False).order_by("code"))


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    public = AnonymousUser()
    for m in _municipalities(municipality):
        versions = visible_versions(public, m).select_related("common_part")
        for v in versions:
            base = _version_fields(m, v)
            common_fixed = v.common_part is not None and v.common_part.is_fixed
            for s in sections_with_commitments(v):
                if common_fixed and s.common_section is not None:
                    for cc in s.common_section.commitments.all():
                        yield _common_row(base, s, cc)
                for c in s.commitments.all():
                    yield _own_row(base, s, c)


DATASET = Dataset(
    key="contracts",
    title_sv="Klimatkontrakt och åtaganden",
    title_en="Climate contracts and commitments",
    description_sv=(
        "Kommunernas klimatkontrakt (Klimatkontrakt 2030) i publicerade årsversioner. En rad "
        "är ett åtagande i en kommuns kontraktsversion ett visst år: kommunens egna åtaganden "
        "och, där versionen har årets gemensamma del, Viable Cities och myndigheternas "
        "åtaganden med den status som deras ägare håller. Opublicerade utkast ingår inte."
    ),
    description_en=(
        "The municipalities' climate contracts (Klimatkontrakt 2030) in their published yearly "
        "versions. One row is one commitment of one municipality's contract version of a year: "
        "the municipality's own commitments and, where the version takes the year's common "
        "part, Viable Cities' and the agencies' commitments with the status their owner keeps. "
        "Unpublished drafts are not included."
    ),
    fields=FIELDS,
    rows=rows,
    primary_key=("municipality_code", "contract_year", "commitment_id"),
    themes=("ENVI", "GOVE"),
    frequency="ANNUAL",
    source_sv=(
        "Kommunernas publicerade kontraktsversioner och den gemensamma del som Viable Cities "
        "programkontor håller."
    ),
    source_en=(
        "The municipalities' published contract versions and the common part kept by Viable "
        "Cities' programme office."
    ),
    year_field="contract_year",
    keywords_sv=("klimatkontrakt", "åtaganden", "Viable Cities", "klimatneutrala städer"),
    keywords_en=("climate contract", "commitments", "Viable Cities", "climate-neutral cities"),
)
