"""The programme office's cross-city follow-up: one row per contract city for a year, read
through each app's own selectors as `reader` may see it: published data for everyone outside
the city, and for staff of the programme office and the agencies also what the city shared
with them before publishing (organisations/access.py). A figure that counts such a shared, not
published item is named in the row's `shared`, so that no one takes it for a public figure.
The page, its downloads, the API and `klimatkontrakt national followup` all take their figures
from `followup` here."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.audit import selectors as audit
from klimatkontrakt.contracts import selectors as contracts
from klimatkontrakt.contracts.models import Commitment, ContractVersion
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.engagement.selectors import local_contracts, proposals
from klimatkontrakt.indicators import selectors as indicators
from klimatkontrakt.investments import selectors as investments
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.selectors import contract_municipalities
from klimatkontrakt.organisations.sharing import is_shared_only
from klimatkontrakt.plans import selectors as plans
from klimatkontrakt.reports import selectors as reports
from klimatkontrakt.web.api_schemas import YEAR_MAX, YEAR_MIN

# The parts of the completeness score, each of equal weight (docs/national.md).
PARTS = {
    "contract": _("Contract version of the year"),
    "action_plan": _("Published action plan"),
    "indicators": _("Indicator with a value in the last two years"),
    "emissions": _("SMHI emissions"),
    "investment_plan": _("Investment plan"),
    "report": _("Follow-up report of the previous year"),
}
CONTRACT_STATUSES = ("none", "draft", "signed")
# The figures of a row that may count items shared but not published (the row's `shared`).
SHAREABLE_FIGURES = (
    "contract_status",
    "commitments",
    "actions_overdue",
    "indicators",
    "budget_runs_out",
    "completeness_pct",
)


@dataclass(frozen=True)
class CityFollowUp:
    municipality: str
    name: str
    contract_status: str  # none, draft (published, not signed) or signed
    commitments: dict[str, int]  # the city's own commitments of the year's version by status
    actions_overdue: int | None  # None: no visible action
    indicators: dict[str, int] | None  # on_track, at_risk, off_track; None: no indicator
    emissions_latest_t: float | None
    emissions_latest_year: int | None
    budget_runs_out: str | None  # ISO date, or None (no budget, or not running out)
    local_contracts: dict[str, Any]
    proposals: dict[str, Any]
    completeness: dict[str, bool]
    completeness_pct: int
    last_updated: str | None  # ISO time of the latest recorded change
    # The figures (of SHAREABLE_FIGURES) that count an item the city shared with the programme
    # office and the agencies but has not published; empty for every other reader.
    shared: list[str] = field(default_factory=list)


def valid_year(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def _contract(
    reader: Any, muni: Municipality, year: int
) -> tuple[str, ContractVersion | None, list[Commitment]]:
    version = contracts.visible_versions(reader, muni).filter(year=year).first()
    if version is None:
        return "none", None, []
    status = "signed" if version.is_signed else "draft"
    return status, version, list(contracts.commitments_of(version))


def _local_contracts(muni: Municipality, year: int) -> dict[str, Any]:
    data = local_contracts.rollup_json(local_contracts.rollup(muni, year))
    return {
        "signatories": data["signatories"]["total"],
        "pledges": sum(data["pledges"].values()),
        "reported_reduction_t": data["reported_reduction_t"]["total"],
    }


def _proposals(muni: Municipality) -> dict[str, Any]:
    found = proposals.totals(muni)
    return {"total": found.total, "answered": found.answered, "overdue": found.overdue}


def _last_updated(muni: Municipality, items: list[Model]) -> str | None:
    """The latest recorded change among the items the reader sees: a change to an unpublished
    item is not shown, not even its time."""
    latest = audit.latest_change(muni, items)
    return latest.isoformat() if latest else None


def city_followup(muni: Municipality, year: int, reader: Any) -> CityFollowUp:
    summary = reports.headline_summary(muni, reader, year)
    status, version, own = _contract(reader, muni, year)
    commitments = Counter(c.status.key for c in own)
    action_plans = list(plans.visible_plans(reader, muni))
    shown_indicators = indicators.visible_indicators(reader, muni)
    investment_plans = list(investments.visible_plans(reader, muni))
    shown_reports = list(reports.visible_reports(reader, muni).defer("html_sv", "html_en"))
    parts = {
        "contract": status != "none",
        "action_plan": bool(action_plans),
        "indicators": shown_indicators.filter(
            values__year__gte=year - 1, values__year__lte=year
        ).exists(),
        "emissions": summary.emissions is not None,
        "investment_plan": bool(investment_plans),
        "report": any(r.year == year - 1 for r in shown_reports),
    }
    items: list[Model] = [
        *([version] if version else []),
        *own,
        *action_plans,
        *(a for p in action_plans for a in p.actions.all()),
        *shown_indicators,
        *investment_plans,
        *shown_reports,
    ]
    found = summary.indicators
    adopted = None
    if summary.budget and summary.budget.adopted_name:
        adopted = emissions.adopted_budget(reader, muni, emissions.headline_gas() or "CO2")
    from_shared = {
        "contract": version is not None and is_shared_only(version),
        "action_plan": any(is_shared_only(p) for p in action_plans),
        "indicators": any(is_shared_only(i) for i in shown_indicators),
        "investment_plan": any(is_shared_only(p) for p in investment_plans),
        "report": any(is_shared_only(r) for r in shown_reports if r.year == year - 1),
        "budget": adopted is not None and is_shared_only(adopted),
    }
    return CityFollowUp(
        municipality=muni.code,
        name=muni.display_name,
        contract_status=status,
        commitments=dict(sorted(commitments.items())),
        actions_overdue=summary.actions.off_track if summary.actions else None,
        indicators=(
            {"on_track": found.on_track, "at_risk": found.at_risk, "off_track": found.off_track}
            if found
            else None
        ),
        emissions_latest_t=summary.emissions.total_t if summary.emissions else None,
        emissions_latest_year=summary.emissions.year if summary.emissions else None,
        budget_runs_out=summary.budget.runs_out if summary.budget else None,
        local_contracts=_local_contracts(muni, year),
        proposals=_proposals(muni),
        completeness=parts,
        completeness_pct=round(100 * sum(parts.values()) / len(parts)),
        last_updated=_last_updated(muni, items),
        shared=_shared_figures(from_shared, parts, summary.actions is not None, found is not None),
    )


def _shared_figures(
    from_shared: dict[str, bool], parts: dict[str, bool], actions: bool, indicators: bool
) -> list[str]:
    """Which figures of the row count an item shared but not published."""
    shown = {
        "contract_status": from_shared["contract"],
        "commitments": from_shared["contract"],
        "actions_overdue": actions and from_shared["action_plan"],
        "indicators": indicators and from_shared["indicators"],
        "budget_runs_out": from_shared["budget"],
        "completeness_pct": any(from_shared.get(k) and parts[k] for k in parts),
    }
    return [k for k in SHAREABLE_FIGURES if shown[k]]


def followup(year: int, reader: Any) -> list[CityFollowUp]:
    """Every contract city's row for `year`, by name."""
    return [city_followup(m, year, reader) for m in contract_municipalities()]


def followup_json(year: int, reader: Any) -> dict[str, Any]:
    """What the command prints and the API answers."""
    return {"year": year, "cities": [asdict(r) for r in followup(year, reader)]}
