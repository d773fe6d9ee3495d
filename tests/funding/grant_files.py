"""Grant files made in the real layouts, for the tests (SweCRIS CSV, Klimatklivet xlsx, the
template)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

SWECRIS_HEADER = (
    "ProjectId;ProjectTitleSv;ProjectTitleEn;ProjectAbstractSv;ProjectAbstractEn;ProjectStartDate;"
    "ProjectEndDate;CoordinatingOrganisationId;CoordinatingOrganisationNameSv;"
    "CoordinatingOrganisationNameEn;CoordinatingOrganisationTypeOfOrganisationSv;"
    "CoordinatingOrganisationTypeOfOrganisationEn;FundingOrganisationId;FundingOrganisationNameSv;"
    "FundingOrganisationNameEn;FundingOrganisationTypeOfOrganisationSv;"
    "FundingOrganisationTypeOfOrganisationEn;FundingsSek;FundingYear;FundingStartDate;"
    "FundingEndDate;TypeOfAwardId;TypeOfAwardDescrSv;TypeOfAwardDescrEn;UpdatedDate;LoadedDate;"
    "InvolvedPeople;Scbs"
)


def swecris_row(
    project: str, number: str, name: str, funder: str, sek: str, year: str, title: str = "Projekt"
) -> str:
    return (
        f"{project};{title};{title};;;{year[:4]}-01-01 00:00:00;{year[:4]}-12-31 00:00:00;"
        f"{number};{name};{name};Stat, regioner, kommuner, församlingar;Governmental;"
        f"202100-5216;{funder};{funder};Stat;Governmental;{sek};{year};{year[:4]};{year[:4]};"
        "1.0;Projektbidrag;Project grant;;01/01/2025 00:00:00;"
        "¤¤¤1¤Anna Exempel¤¤Principal Investigator¤Projektledare¤Female;"
        "¤¤¤ 2: Teknik, Engineering, 207: Naturresursteknik, Environmental Engineering, "
        "20799: Övrig naturresursteknik, Other Environmental Engineering "
    )


def swecris(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([SWECRIS_HEADER, *rows]) + "\n").encode("utf-8")


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


def klimatklivet(rows: list[list[Any]]) -> bytes:
    """A workbook with the three sheets of the real file, the same rows in each."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "Per åtgärdskategori"
    for title in ("Per län", "Per kommun"):
        wb.create_sheet(title)
    for ws in wb.worksheets:
        ws.append(KLIMATKLIVET_HEADER)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


REAL_KLIMATKLIVET_ROWS = [
    # The real rows quoted in the layout's documentation (klimatklivet_columns.md).
    [
        "KKL-02186-2017",
        "Stockholm Exergi Materialåtervinning AB",
        "Sorteringsanläggning restavfall",
        "Avfall",
        "Stockholms län",
        "Sigtuna",
        134000000,
        None,
        None,
        43070,
        "2021-07-31",
        "Slutförd åtgärd",
        "Förordning (2015:517) stöd till lokala klimatinvesteringar",
    ],
    [
        "NV-19-006817",
        "Laddstation",
        "17 laddpunkter",
        "Laddstation",
        None,
        None,
        164312,
        17,
        "Icke-publik",
        "2019-11-22",
        None,
        "Slutförd åtgärd",
        "Förordning (2019:525)",
    ],
    [
        "NV-05928-15 ",
        "Exempel AB",
        "Biogas",
        "Produktion biogas",
        "Västra Götalands län",
        "Tibro",
        2000000,
        None,
        None,
        "2015-11-04",
        None,
        "Slutförd åtgärd",
        "Förordning (2015:517) stöd till lokala klimatinvesteringar",
    ],
    [
        "NV-25-043146",
        "Orkla Snacks Sverige AB",
        "Energikonvertering industri",
        "Energikonvertering",
        "Värmlands län",
        "Filipstad",
        45900000,
        None,
        None,
        46009,
        "2028-04-01",
        "Pågående åtgärd",
        "Förordning (2015:517) stöd till lokala klimatinvesteringar",
    ],
]


def template_csv(*rows: str) -> bytes:
    header = (
        "finansiär;diarienummer;titel;mottagare;organisationsnummer;roll;år;belopp_kr;"
        "program;kommun"
    )
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")
