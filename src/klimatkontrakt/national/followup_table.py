"""What the follow-up page and its downloads do with `followup` rows: the columns, the filter
and sort (GET parameters, validated here once), each figure as the interface shows it with a
link to the city's page or a dash with the reason (and "shared, not published" where it counts
an item a city shared with the programme office and the agencies before publishing), and the
rows as one download `Table`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.national.followup import CONTRACT_STATUSES, PARTS, CityFollowUp
from klimatkontrakt.web.modules import link_url, module_page
from klimatkontrakt.web.templatetags.kk import day, num

SHARED_MARK = gettext_lazy("shared, not published")
# The row's figure (CityFollowUp.shared) each column shows, where it differs from the key.
FIGURE_OF_COLUMN = {"indicators_off_track": "indicators"}

STATUS_LABELS = {
    "none": gettext_lazy("No version"),
    "draft": gettext_lazy("Published, not signed"),
    "signed": gettext_lazy("Signed"),
}


# A draft the reader sees only because the city shared it is not published.
SHARED_DRAFT_LABEL = gettext_lazy("Draft shared, not signed")


def status_label(row: CityFollowUp) -> str:
    if row.contract_status == "draft" and "contract_status" in row.shared:
        return str(SHARED_DRAFT_LABEL)
    return str(STATUS_LABELS[row.contract_status])


def _total(d: dict[str, int] | None) -> int | None:
    return None if d is None else sum(d.values())


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    module: str  # the city's page the figure links to (web/modules.py key)
    value: Callable[[CityFollowUp], Any]  # what it sorts by; None: no figure
    missing: str | Promise  # why there is no figure


COLUMNS = (
    Column(
        "contract_status",
        gettext_lazy("Contract"),
        "contract",
        lambda r: CONTRACT_STATUSES.index(r.contract_status),
        "",
    ),
    Column(
        "commitments",
        gettext_lazy("Own commitments"),
        "contract",
        lambda r: _total(r.commitments) if r.contract_status != "none" else None,
        gettext_lazy("no published contract version of the year"),
    ),
    Column(
        "actions_overdue",
        gettext_lazy("Actions off track"),
        "action_plans",
        lambda r: r.actions_overdue,
        gettext_lazy("no published action"),
    ),
    Column(
        "indicators_off_track",
        gettext_lazy("Indicators on track / at risk / off track"),
        "indicators",
        lambda r: r.indicators["off_track"] if r.indicators else None,
        gettext_lazy("no published indicator"),
    ),
    Column(
        "emissions_latest_t",
        gettext_lazy("Emissions, latest year (t)"),
        "emissions",
        lambda r: r.emissions_latest_t,
        gettext_lazy("no SMHI figures"),
    ),
    Column(
        "budget_runs_out",
        gettext_lazy("Carbon budget runs out"),
        "emissions",
        lambda r: r.budget_runs_out,
        gettext_lazy("no budget, or not running out on the trend"),
    ),
    Column(
        "signatories",
        gettext_lazy("Local contract signatories"),
        "local_contracts",
        lambda r: r.local_contracts["signatories"],
        "",
    ),
    Column(
        "proposals",
        gettext_lazy("Published proposals"),
        "proposals",
        lambda r: r.proposals["total"],
        "",
    ),
    Column(
        "completeness_pct",
        gettext_lazy("Completeness (%)"),
        "reports",
        lambda r: r.completeness_pct,
        "",
    ),
    Column(
        "last_updated",
        gettext_lazy("Last change"),
        "",
        lambda r: r.last_updated,
        gettext_lazy("no recorded change"),
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
SORTS = ("name", *BY_KEY)
ORDERS = ("asc", "desc")


@dataclass(frozen=True)
class Query:
    status: str = ""
    incomplete: bool = False
    sort: str = "name"
    order: str = "asc"

    def filters(self) -> str:
        """The filters as a query string, kept by the sort links and the downloads."""
        parts = [f"status={self.status}"] if self.status else []
        return "&".join([*parts, *(["incomplete=1"] if self.incomplete else [])])


def query_from(params: Any) -> Query:
    """The choices in GET parameters; an unknown value is left out (the page shows all)."""
    status = params.get("status", "")
    sort = params.get("sort", "name")
    order = params.get("order", "asc")
    return Query(
        status=status if status in CONTRACT_STATUSES else "",
        incomplete=params.get("incomplete", "") in ("1", "on", "true"),
        sort=sort if sort in SORTS else "name",
        order=order if order in ORDERS else "asc",
    )


def _name_key(name: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z."""
    return name.lower().translate({ord("å"): "{", ord("ä"): "|", ord("ö"): "}"})


def select(rows: list[CityFollowUp], query: Query) -> list[CityFollowUp]:
    """The rows the query keeps, in its order; rows without the figure come last either way."""
    kept = [
        r
        for r in rows
        if (not query.status or r.contract_status == query.status)
        and (not query.incomplete or r.completeness_pct < 100)
    ]
    descending = query.order == "desc"
    by_name = sorted(kept, key=lambda r: (_name_key(r.name), r.municipality))
    if query.sort == "name":
        return by_name[::-1] if descending else by_name
    value = BY_KEY[query.sort].value
    with_value = [r for r in by_name if value(r) is not None]
    without = [r for r in by_name if value(r) is None]
    return sorted(with_value, key=value, reverse=descending) + without


def shown(column: Column, row: CityFollowUp) -> str:
    """A figure in the interface language's format; '–' when there is none."""
    v = column.value(row)
    if v is None:
        return "–"
    if column.key == "contract_status":
        return status_label(row)
    if column.key == "indicators_off_track" and row.indicators:
        i = row.indicators
        return f"{num(i['on_track'])} / {num(i['at_risk'])} / {num(i['off_track'])}"
    if column.key in ("budget_runs_out", "last_updated"):
        return day(v)
    if column.key == "emissions_latest_t":
        return f"{num(v)} ({row.emissions_latest_year})"
    if column.key == "completeness_pct":
        return f"{num(v)}\u00a0%"
    return num(v)


def _url(column: Column, row: CityFollowUp, year: int) -> str:
    if column.key in ("contract_status", "commitments") and row.contract_status != "none":
        return link_url("contract_version", row.municipality, year)
    return module_page(column.module, row.municipality) if column.module else ""


def cells(row: CityFollowUp, year: int) -> list[dict[str, Any]]:
    """Per column: the text, the link to the city's page and why a figure is missing."""
    out = []
    for c in COLUMNS:
        missing = c.value(row) is None
        shared = not missing and FIGURE_OF_COLUMN.get(c.key, c.key) in row.shared
        reason = str(c.missing) if missing else ""
        if c.key == "completeness_pct" and row.completeness_pct < 100:
            reason = _("Missing: %(parts)s") % {"parts": missing_parts(row)}
        out.append(
            {
                "text": shown(c, row),
                "url": "" if missing else _url(c, row, year),
                "reason": reason,
                "shared": str(SHARED_MARK) if shared else "",
            }
        )
    return out


def shared_figures(row: CityFollowUp) -> str:
    """The labels of the row's figures that count shared, not published items."""
    return "; ".join(
        str(c.label) for c in COLUMNS if FIGURE_OF_COLUMN.get(c.key, c.key) in row.shared
    )


def missing_parts(row: CityFollowUp) -> str:
    return "; ".join(str(PARTS[k]) for k, present in row.completeness.items() if not present)


def download_table(rows: list[CityFollowUp], year: int) -> Table:
    """The rows as one table: the figures as numbers, and the parts that are missing."""
    columns = [
        ("municipality", _("Municipality code")),
        ("name", _("Municipality")),
        ("contract_status", _("Contract")),
        ("commitments", _("Own commitments")),
        ("actions_overdue", _("Actions off track")),
        ("indicators_on_track", _("Indicators on track")),
        ("indicators_at_risk", _("Indicators at risk")),
        ("indicators_off_track", _("Indicators off track")),
        ("emissions_latest_t", _("Emissions, latest year (t)")),
        ("emissions_latest_year", _("Emissions year")),
        ("budget_runs_out", _("Carbon budget runs out")),
        ("signatories", _("Local contract signatories")),
        ("pledges", _("Local contract pledges")),
        ("proposals", _("Published proposals")),
        ("completeness_pct", _("Completeness (%)")),
        ("missing", _("Missing parts")),
        ("last_updated", _("Last change")),
        ("shared", _("Figures counting shared, not published items")),
    ]
    out = []
    for r in rows:
        ind = r.indicators or {}
        out.append(
            {
                "municipality": r.municipality,
                "name": r.name,
                "contract_status": status_label(r),
                "commitments": _total(r.commitments) if r.contract_status != "none" else None,
                "actions_overdue": r.actions_overdue,
                "indicators_on_track": ind.get("on_track"),
                "indicators_at_risk": ind.get("at_risk"),
                "indicators_off_track": ind.get("off_track"),
                "emissions_latest_t": r.emissions_latest_t,
                "emissions_latest_year": r.emissions_latest_year,
                "budget_runs_out": r.budget_runs_out or "",
                "signatories": r.local_contracts["signatories"],
                "pledges": r.local_contracts["pledges"],
                "proposals": r.proposals["total"],
                "completeness_pct": r.completeness_pct,
                "missing": missing_parts(r),
                "last_updated": (r.last_updated or "")[:10],
                "shared": shared_figures(r),
            }
        )
    return Table(
        key=f"uppfoljning-{year}",
        title=_("Follow-up of the contract cities, %(year)s") % {"year": year},
        columns=columns,
        rows=out,
        source=_(
            "Published data of each city in Klimatkontrakt, and for the programme office and "
            "the agencies what a city shared with them (named in the last column)"
        ),
    )
