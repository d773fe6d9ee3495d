"""Local climate contracts and pledges: one row per pledge of a signatory the public page shows.

As `engagement.selectors.public_signatories` and the public page: approved companies and
organisations that agreed to be shown, only while the municipality has a published version of
its local contract; with each pledge its latest report, as the page shows it. Residents are
never in the file (the page counts them and never names them); contact details and
organisation numbers are not on the page and not here. Licence CC BY 4.0: the municipality's
own register.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from klimatkontrakt.engagement.models import Pledge, PledgeReport, Signatory
from klimatkontrakt.engagement.selectors import local_contracts as selectors
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.opendata.datasets.labels import swedish
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.sectors import SECTORS

REPORT_STATUSES = tuple(s.value for s in PledgeReport.Status)


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    municipalities = (
        [municipality] if municipality else Municipality.objects.order_by("code").iterator()
    )
    for m in municipalities:
        if selectors.published_version(selectors.contract_for(m)) is None:
            continue
        signatories = selectors.public_signatories(m).order_by("name", "pk")
        for s in signatories:
            pledges: list[Pledge | None] = list(s.pledges.all())
            for pledge in pledges or [None]:
                yield _row(m, s, pledge)


def _row(m: Municipality, s: Signatory, pledge: Pledge | None) -> dict[str, Any]:
    report = next(iter(pledge.reports.all()), None) if pledge is not None else None
    return {
        "municipality_code": m.code,
        "municipality_name": m.name,
        "signatory_id": s.pk,
        "organisation": s.name,
        "roadmap": s.roadmap or None,
        "example_data": s.is_example,
        "pledge_id": pledge.pk if pledge else None,
        "pledge": pledge.title if pledge else None,
        "sector": pledge.sector if pledge else None,
        "unit": pledge.unit if pledge else None,
        "baseline_year": pledge.baseline_year if pledge else None,
        "baseline_value": pledge.baseline_value if pledge else None,
        "target_year": pledge.target_year if pledge else None,
        "target_value": pledge.target_value if pledge else None,
        "report_year": report.year if report else None,
        "report_status": report.status if report else None,
        "report_status_label_sv": (
            swedish(PledgeReport.Status(report.status).label) if report else None
        ),
        "report_estimated_t": report.estimated_t if report else None,
        "report_text": (report.what_was_done or None) if report else None,
    }


_FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field("signatory_id", "integer", "Undertecknarens id.", "The signatory's id.", required=True),
    Field(
        "organisation",
        "string",
        "Företagets eller organisationens namn.",
        "The company's or organisation's name.",
        required=True,
    ),
    Field(
        "roadmap",
        "string",
        "Färdplan för sektorn som organisationen följer i stället för åtaganden.",
        "The sector roadmap the organisation follows instead of pledges.",
    ),
    Field(
        "example_data",
        "boolean",
        "Sant när undertecknaren är påhittade exempeldata.",
        "True when the signatory is invented example data.",
    ),
    Field(
        "pledge_id",
        "integer",
        "Åtagandets id; tomt för en undertecknare utan åtaganden.",
        "The pledge's id; empty for a signatory without pledges.",
    ),
    Field("pledge", "string", "Åtagandet.", "The pledge."),
    Field(
        "sector",
        "string",
        "SMHI-sektorn där åtagandets effekt hamnar i de territoriella utsläppen.",
        "The SMHI sector where the pledge's effect lands in the territorial emissions.",
        enum=tuple(SECTORS),
    ),
    Field(
        "unit",
        "string",
        "Enheten för bas- och målvärdet.",
        "The unit of the baseline and target values.",
    ),
    Field("baseline_year", "year", "Basår.", "Baseline year."),
    Field(
        "baseline_value",
        "number",
        "Värde basåret, i kolumnen unit:s enhet.",
        "Value in the baseline year, in the unit of the column unit.",
    ),
    Field("target_year", "year", "Målår.", "Target year."),
    Field(
        "target_value",
        "number",
        "Målvärde, i kolumnen unit:s enhet.",
        "Target value, in the unit of the column unit.",
    ),
    Field(
        "report_year",
        "year",
        "Året för den senaste rapporten om åtagandet.",
        "The year of the pledge's latest report.",
    ),
    Field(
        "report_status",
        "string",
        "Rapporterad status: not_started = inte påbörjat, started = påbörjat, done = genomfört.",
        "Reported status: not_started, started or done.",
        enum=REPORT_STATUSES,
    ),
    Field(
        "report_status_label_sv",
        "string",
        "Rapporterad status i ord på svenska.",
        "The reported status in Swedish words.",
    ),
    Field(
        "report_estimated_t",
        "number",
        "Uppskattad minskning det året: rapporterade ton, eller mängd × katalogens standardvärde.",
        "Estimated reduction that year: the reported tonnes, or quantity × the catalogue's "
        "default.",
        unit="t CO2e/år",
    ),
    Field(
        "report_text",
        "string",
        "Vad som gjordes, som organisationen rapporterade det.",
        "What was done, as the organisation reported it.",
    ),
)

DATASET = Dataset(
    key="local_contracts",
    title_sv="Lokala klimatkontrakt och åtaganden",
    title_en="Local climate contracts and pledges",
    description_sv=(
        "Företag och organisationer som undertecknat kommunens lokala klimatkontrakt och "
        "godkänt att visas, med sina åtaganden och senaste rapport: en rad per åtagande. "
        "Privatpersoner som undertecknat finns inte med."
    ),
    description_en=(
        "Companies and organisations that signed the municipality's local climate contract and "
        "agreed to be shown, with their pledges and latest report: one row per pledge. "
        "Residents who signed are not included."
    ),
    fields=_FIELDS,
    rows=rows,
    primary_key=("municipality_code", "signatory_id", "pledge_id"),
    themes=("ENVI", "SOCI", "ECON"),
    frequency="IRREG",
    source_sv="Kommunens register över undertecknare av det lokala klimatkontraktet.",
    source_en="The municipality's register of the local climate contract's signatories.",
    year_field="report_year",
    keywords_sv=("lokalt klimatkontrakt", "klimatutmaning", "åtaganden", "näringsliv"),
    keywords_en=("local climate contract", "climate challenge", "pledges", "business"),
)
