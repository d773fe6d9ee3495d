"""Karlstad's demo portfolio: its group list and example grant records in the funders' real
layouts (a SweCRIS export, Naturvårdsverket's Klimatklivet list, the grant template), read by
the same imports as real files.

The group list holds facts: Karlstads kommun's organisation number 212000-1850 and the names of
the three municipal companies the organisations demo lists (their numbers are left empty, so
grants to them are matched by name). Every grant record is invented: its reference starts with
EXEMPEL, its title with "Exempel:", and it is flagged as example data, so the pages say so.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from klimatkontrakt.funding.models import Grant, GroupOrganisation, RecipientKind
from klimatkontrakt.funding.services.grants import import_grants, link_measure, review_grant
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Municipality

KARLSTAD = "1780"
KOMMUN = ("Karlstads kommun", "212000-1850")
COMPANIES = ["Karlstads Energi AB", "Karlstads El- och Stadsnät AB", "Karlstads Bostads AB"]

SWECRIS_COLUMNS = [
    "ProjectId",
    "ProjectTitleSv",
    "ProjectTitleEn",
    "ProjectAbstractSv",
    "ProjectAbstractEn",
    "ProjectStartDate",
    "ProjectEndDate",
    "CoordinatingOrganisationId",
    "CoordinatingOrganisationNameSv",
    "CoordinatingOrganisationNameEn",
    "CoordinatingOrganisationTypeOfOrganisationSv",
    "CoordinatingOrganisationTypeOfOrganisationEn",
    "FundingOrganisationId",
    "FundingOrganisationNameSv",
    "FundingOrganisationNameEn",
    "FundingOrganisationTypeOfOrganisationSv",
    "FundingOrganisationTypeOfOrganisationEn",
    "FundingsSek",
    "FundingYear",
    "FundingStartDate",
    "FundingEndDate",
    "TypeOfAwardId",
    "TypeOfAwardDescrSv",
    "TypeOfAwardDescrEn",
    "UpdatedDate",
    "LoadedDate",
    "InvolvedPeople",
    "Scbs",
]
# (project, title, funder, funder's number, {year: SEK}); recipient Karlstads kommun.
SWECRIS_EXAMPLES = [
    (
        "EXEMPEL-2022-00101_Vinnova",
        "Exempel: Klimatneutrala Karlstad, systemdemonstrator",
        "Vinnova",
        "202100-5216",
        {2022: 1200000, 2023: 1800000, 2024: 1500000},
    ),
    (
        "EXEMPEL-2023-00202_Formas",
        "Exempel: Cirkulära material i stadsbyggandet",
        "Formas",
        "202100-5232",
        {2023: 900000, 2024: 1100000},
    ),
    (
        "EXEMPEL-2024-00303_Energi",
        "Exempel: Energieffektiva skollokaler",
        "Statens energimyndighet",
        "202100-5000",
        {2024: 750000, 2025: 750000},
    ),
]
KLIMATKLIVET_HEADER = [
    "Ärendenummer",
    "Organisationsnamn",
    "Rubrik",
    "Åtgärdskategori",
    "Län",
    "Kommun",
    "Senast tillgängligt beviljat stödbelopp (kr)",
    "Summering Antal laddpunkter",
    "Laddinfra Publik/Icke-publik",
    "Bifallsdatum",
    "Senast tillgängligt slutdatum eller slutligt beslutsdatum",
    "Status",
    "Förordning inom Klimatklivet",
]
_LOCAL = "Förordning (2015:517) stöd till lokala klimatinvesteringar"
KLIMATKLIVET_EXAMPLES = [
    [
        "EXEMPEL-NV-23-000101",
        "Karlstads Energi AB",
        "Exempel: Biogas i kollektivtrafiken",
        "Produktion biogas",
        "Värmlands län",
        "Karlstad",
        3200000,
        None,
        None,
        "2023-05-10",
        "2025-12-31",
        "Pågående åtgärd",
        _LOCAL,
    ],
    [
        "EXEMPEL-NV-24-000202",
        "Exempelföretaget i Karlstad AB",
        "Exempel: Elektrifierade arbetsmaskiner",
        "Fordon",
        "Värmlands län",
        "Karlstad",
        850000,
        None,
        None,
        "2024-03-02",
        "2025-06-30",
        "Pågående åtgärd",
        _LOCAL,
    ],
    [
        "EXEMPEL-NV-24-000303",
        "Laddstation",
        "Exempel: 12 laddpunkter",
        "Laddstation",
        None,
        None,
        120000,
        12,
        "Icke-publik",
        "2024-09-15",
        None,
        "Slutförd åtgärd",
        "Förordning (2019:525)",
    ],
]
TEMPLATE = (
    "finansiär;diarienummer;titel;mottagare;organisationsnummer;roll;år;belopp_kr;program;kommun\n"
    "Trafikverket;EXEMPEL-TRV-2024/1;Exempel: Stadsmiljöavtal, kollektivtrafikstråk;"
    "Karlstads kommun;212000-1850;koordinator;2024;4000000;Stadsmiljöavtal;Karlstad\n"
    "Trafikverket;EXEMPEL-TRV-2024/1;Exempel: Stadsmiljöavtal, kollektivtrafikstråk;"
    "Karlstads kommun;212000-1850;koordinator;2025;6000000;Stadsmiljöavtal;Karlstad\n"
)


def swecris_file() -> bytes:
    lines = [";".join(SWECRIS_COLUMNS)]
    for project, title, funder, number, years in SWECRIS_EXAMPLES:
        for year, sek in years.items():
            row = dict.fromkeys(SWECRIS_COLUMNS, "")
            row |= {
                "ProjectId": project,
                "ProjectTitleSv": title,
                "ProjectStartDate": f"{min(years)}-01-01 00:00:00",
                "ProjectEndDate": f"{max(years)}-12-31 00:00:00",
                "CoordinatingOrganisationId": KOMMUN[1],
                "CoordinatingOrganisationNameSv": KOMMUN[0],
                "FundingOrganisationId": number,
                "FundingOrganisationNameSv": funder,
                "FundingsSek": f"{sek}.0",
                "FundingYear": f"{year}.0",
                "TypeOfAwardDescrSv": "Projektbidrag",
            }
            lines.append(";".join(row[c] for c in SWECRIS_COLUMNS))
    return ("\n".join(lines) + "\n").encode("utf-8")


def klimatklivet_file() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Per åtgärdskategori"
    ws.append(KLIMATKLIVET_HEADER)
    for row in KLIMATKLIVET_EXAMPLES:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def load(stdout: Any) -> None:
    karlstad = Municipality.objects.filter(code=KARLSTAD).first()
    if karlstad is None:
        return
    GroupOrganisation.objects.update_or_create(
        municipality=karlstad,
        name=KOMMUN[0],
        defaults={"org_number": KOMMUN[1], "kind": RecipientKind.MUNICIPALITY},
    )
    for name in COMPANIES:
        GroupOrganisation.objects.update_or_create(
            municipality=karlstad, name=name, defaults={"kind": RecipientKind.COMPANY}
        )
    files = [
        ("swecris", swecris_file(), "exempel-swecris.csv"),
        ("klimatklivet", klimatklivet_file(), "exempel-klimatklivet.xlsx"),
        ("template", TEMPLATE.encode("utf-8"), "exempel-bidragsmall.csv"),
    ]
    for source, data, name in files:
        import_grants(SYSTEM, source, data, name, is_example=True)
    # The demo's editor has accepted the biogas grant matched by name, and linked it and the
    # city's stadsmiljöavtal to measures of the pilot plan.
    biogas = Grant.objects.filter(reference="EXEMPEL-NV-23-000101").first()
    if biogas is not None and biogas.review == Grant.Review.PENDING:
        review_grant(SYSTEM, biogas, accept=True)
    _link("EXEMPEL-TRV-2024/1", "Säkra gång- och cykelstråk till skolor", karlstad)
    _link("EXEMPEL-2024-00303", "Energieffektivisering och LED i fastigheter", karlstad)
    from klimatkontrakt.funding.selectors.grants import portfolio

    p = portfolio(karlstad)
    stdout.write(
        f"Grants: Karlstad's example portfolio, {p.grants} grant-years, {p.total_sek:,.0f} SEK "
        f"(example data in the funders' layouts), {p.unmatched} to review."
    )


def _link(reference: str, measure_name: str, karlstad: Municipality) -> None:
    from klimatkontrakt.investments.selectors import measures_of_municipality

    grant = (
        Grant.objects.filter(reference=reference, municipality=karlstad).order_by("year").first()
    )
    measure = measures_of_municipality(karlstad).filter(name=measure_name).first()
    if grant is not None and measure is not None and not grant.measure_links.exists():
        link_measure(SYSTEM, grant, measure)
