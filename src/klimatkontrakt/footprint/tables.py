"""The footprint's figures and invoice lines as `Table`s: the rows behind the page's charts and
every CSV/XLSX download. Only reshaping of `selectors.footprint`; no climate maths here.

The downloads keep Swedish titles and headings in every interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.footprint import selectors
from klimatkontrakt.footprint.labels import basis_label
from klimatkontrakt.footprint.models import Ledger
from klimatkontrakt.sources.categories import category_label
from klimatkontrakt.web.pages import year_ranges

LINE_COLUMNS = [
    ("file", "Fil"),
    ("row_no", "Rad"),
    ("invoice", "Faktura"),
    ("date", "Datum"),
    ("department", "Förvaltning"),
    ("account", "Konto"),
    ("account_text", "Kontotext"),
    ("supplier_name", "Leverantör"),
    ("supplier_id", "Organisationsnummer"),
    ("amount", "Belopp"),
    ("currency", "Valuta"),
    ("amount_sek", "Belopp SEK"),
    ("status", "Status"),
    ("category", "Kategori"),
    ("rule_text", "Regel"),
    ("kg_per_sek", "kg CO2e per SEK"),
    ("conversion", "Omräkning"),
    ("t", "Ton CO2e"),
]


def category_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per category: `category` and `basis` as a reader names them, `code` the category
    code (for links and the download), and `note` why a category measured by activity data has
    no spend."""
    rows = [
        {
            "code": cat,
            "category": category_label(cat),
            "t": v["t"],
            "spend_sek": v["spend_sek"],
            "basis": basis_label(v["basis"]),
            "replaced_sek": v["replaced_sek"],
            "note": _activity_note(result, cat) if v["basis"] == "activity" else "",
        }
        for cat, v in result["by_category"].items()
    ]
    return sorted(rows, key=lambda r: -r["t"])


def _activity_note(result: dict[str, Any], category: str) -> str:
    """Why a category counted from activity data has no spend, and which spend it stands for."""
    records = [a for a in result["activity"] if a["activity"] == category and a["status"] == "ok"]
    replaced = sorted(
        {category_label(a["replaces"]["category"]) for a in records if a["replaces"]["category"]}
    )
    years = year_ranges(a["year"] for a in records)
    if replaced:
        return _(
            "Measured quantities (activity data) for %(years)s, not invoices, so no spend of "
            "its own; they replace the spend-based estimate of %(replaced)s."
        ) % {"years": years, "replaced": ", ".join(replaced)}
    return _(
        "Measured quantities (activity data) for %(years)s, not invoices, so no spend of its own."
    ) % {"years": years}


def periods(result: dict[str, Any]) -> dict[str, str]:
    """The years each total covers: the ledger's invoice years, and the activity data's."""
    return {
        "ledger": year_ranges(int(y) for y in result["by_year"]),
        "activity": year_ranges(a["year"] for a in result["activity"] if a["status"] == "ok"),
    }


def department_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    total = result["total_t"] or 1.0
    return [
        {
            "department": dep,
            "t": v["t"],
            "spend_sek": v["spend_sek"],
            "share_pct": 100 * v["t"] / total,
        }
        for dep, v in result["by_department"].items()
    ]


def year_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [
        {
            "year": int(y),
            "t": v["t"],
            "spend_sek": v["spend_sek"],
            "series": _("Calculated"),
            "change_pct": result["year_on_year"].get(y, {}).get("change_pct"),
        }
        for y, v in result["by_year"].items()
    ]
    rows += [
        {"year": int(y), "t": t, "spend_sek": None, "series": _("Trend (BAU)"), "change_pct": None}
        for y, t in result["bau_t"].items()
    ]
    return rows


def categories(result: dict[str, Any], ledger: Ledger) -> Table:
    return Table(
        key="categories",
        title="Utsläpp per inköpskategori",
        columns=[
            ("category", "Kategori"),
            ("t", "Ton CO2e"),
            ("spend_sek", "SEK"),
            ("basis", "Grund"),
            ("replaced_sek", "Ersatt av aktivitetsdata SEK"),
            ("code", "Kategorikod"),
        ],
        rows=category_rows(result),
        source=ledger.description,
    )


def departments(result: dict[str, Any], ledger: Ledger) -> Table:
    return Table(
        key="departments",
        title="Utsläpp per förvaltning",
        columns=[
            ("department", "Förvaltning"),
            ("t", "Ton CO2e"),
            ("share_pct", "Andel %"),
            ("spend_sek", "SEK"),
        ],
        rows=department_rows(result),
        source=ledger.description,
    )


def years(result: dict[str, Any], ledger: Ledger) -> Table:
    return Table(
        key="years",
        title="Utsläpp per år och trend (business as usual)",
        columns=[("year", "År"), ("series", "Serie"), ("t", "Ton CO2e"), ("spend_sek", "SEK")],
        rows=year_rows(result),
        source=ledger.description,
    )


def suppliers(result: dict[str, Any], ledger: Ledger) -> Table:
    return Table(
        key="suppliers",
        title="Största leverantörerna",
        columns=[
            ("supplier_name", "Leverantör"),
            ("supplier_id", "Organisationsnummer"),
            ("t", "Ton CO2e"),
            ("spend_sek", "SEK"),
        ],
        rows=result["top_suppliers"],
        source=ledger.description,
    )


def breakdown(result: dict[str, Any], ledger: Ledger) -> Table:
    return Table(
        key="breakdown",
        title="Utsläpp per år, förvaltning, kategori och leverantör",
        columns=[
            ("year", "År"),
            ("department", "Förvaltning"),
            ("category", "Kategori"),
            ("supplier_name", "Leverantör"),
            ("supplier_id", "Organisationsnummer"),
            ("t", "Ton CO2e"),
            ("spend_sek", "SEK"),
            ("lines", "Rader"),
        ],
        rows=result["breakdown"],
        source=ledger.description,
    )


def factors(result: dict[str, Any], ledger: Ledger) -> Table:
    return Table(
        key="factors",
        title="Emissionsfaktorer med källor",
        columns=[
            ("category", "Kategori"),
            ("value", "Värde"),
            ("unit", "Enhet"),
            ("year", "År"),
            ("source", "Källa"),
            ("licence", "Licens"),
        ],
        rows=result["factors"],
        source=ledger.description,
    )


TABLES: dict[str, Callable[[dict[str, Any], Ledger], Table]] = {
    "categories": categories,
    "departments": departments,
    "years": years,
    "suppliers": suppliers,
    "breakdown": breakdown,
    "factors": factors,
}


def table(ledger: Ledger, key: str) -> Table | None:
    builder = TABLES.get(key)
    return None if builder is None else builder(selectors.footprint(ledger), ledger)


def invoice_lines(ledger: Ledger, filters: dict[str, str]) -> Table:
    """Every invoice line that matches the filters, with its rule and factor."""
    return Table(
        key="fakturarader",
        title="Fakturarader",
        columns=LINE_COLUMNS,
        rows=selectors.invoice_lines(ledger, filters, limit=1_000_000),
        source=ledger.description,
    )
