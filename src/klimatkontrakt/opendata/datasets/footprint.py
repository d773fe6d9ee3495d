"""The organisation's footprint: per published purchase ledger, spend and emissions per year,
department and category.

The figures come from `footprint.selectors.cells`: the tonnes of `tonnes_by_cell` and the
classified spend the public page shows per category, so the rows summed over years and
departments are the page's figures per category. Sums only: never an invoice line, never a
supplier. Licence CC BY 4.0: the ledgers are the municipality's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser

from klimatkontrakt.footprint import selectors
from klimatkontrakt.footprint.engine import WHOLE_ORGANISATION
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.organisations.models import Municipality


def _decimal(value: float | None, digits: int) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, digits)))


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    municipalities = (
        [municipality] if municipality else Municipality.objects.order_by("code").iterator()
    )
    for m in municipalities:
        ledgers = selectors.visible_ledgers(AnonymousUser(), m).filter(published=True)
        for ledger in ledgers.order_by("name", "pk"):
            for cell in selectors.cells(ledger):
                yield {
                    "municipality_code": m.code,
                    "municipality_name": m.name,
                    "ledger_id": ledger.pk,
                    "ledger": ledger.name,
                    "scope": ledger.scope,
                    "example_data": ledger.example_data,
                    "year": cell["year"],
                    "department": cell["department"] or WHOLE_ORGANISATION,
                    "category": cell["category"],
                    "spend_sek": _decimal(cell["spend_sek"], 2),
                    "emissions_t": _decimal(cell["t"], 3),
                }


_FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field("ledger_id", "integer", "Reskontrans id.", "The ledger's id.", required=True),
    Field(
        "ledger",
        "string",
        "Leverantörsreskontrans namn.",
        "The name of the purchase ledger.",
        required=True,
    ),
    Field(
        "scope",
        "string",
        "Organisatorisk avgränsning (t.ex. kommunen eller ett bolag).",
        "Organisational scope (e.g. the municipality or one company).",
    ),
    Field(
        "example_data",
        "boolean",
        "Sant när reskontran är påhittade exempeldata.",
        "True when the ledger holds invented example data.",
    ),
    Field("year", "year", "Året inköpen gjordes.", "The year of the purchases.", required=True),
    Field(
        "department",
        "string",
        "Förvaltning eller enhet; (hela organisationen) för det som inte hör till en.",
        "Department or unit; (hela organisationen) for what belongs to none.",
        required=True,
    ),
    Field(
        "category",
        "string",
        "Inköpskategori (kod ur klassningsreglerna, t.ex. construction_buildings).",
        "Purchase category (a code of the classification rules, e.g. construction_buildings).",
        required=True,
    ),
    Field(
        "spend_sek",
        "number",
        "Klassad inköpssumma; tom för en kategori som räknas från mätta mängder "
        "(aktivitetsdata) utan egna fakturor.",
        "Classified spend; empty for a category counted from measured quantities (activity "
        "data) without invoices of its own.",
        unit="SEK",
    ),
    Field(
        "emissions_t",
        "number",
        "Utsläpp, beräknade från inköpen med utsläppsfaktorer och från aktivitetsdata.",
        "Emissions, computed from the spend with emission factors and from activity data.",
        unit="t CO2e",
    ),
)

DATASET = Dataset(
    key="footprint",
    title_sv="Organisationens klimatavtryck",
    title_en="The organisation's footprint",
    description_sv=(
        "Klimatavtrycket av kommunernas inköp enligt deras publicerade leverantörsreskontror: "
        "en rad per reskontra, år, förvaltning och inköpskategori med inköpssumma och utsläpp. "
        "Bara summor, inga fakturarader eller leverantörer."
    ),
    description_en=(
        "The footprint of the municipalities' purchases from their published purchase ledgers: "
        "one row per ledger, year, department and purchase category with spend and emissions. "
        "Sums only, no invoice lines or suppliers."
    ),
    fields=_FIELDS,
    rows=rows,
    primary_key=("municipality_code", "ledger_id", "year", "department", "category"),
    themes=("ENVI", "GOVE", "ECON"),
    frequency="IRREG",
    source_sv=(
        "Kommunens publicerade leverantörsreskontra, klassad med kommunens regler och "
        "utsläppsfaktorer (källa per faktor på kommunens sida)."
    ),
    source_en=(
        "The municipality's published purchase ledger, classified with its rules and emission "
        "factors (each factor's source on the municipality's page)."
    ),
    keywords_sv=("klimatavtryck", "inköp", "konsumtionsbaserade utsläpp"),
    keywords_en=("footprint", "purchases", "consumption-based emissions"),
)
