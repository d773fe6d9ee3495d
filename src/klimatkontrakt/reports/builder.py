"""Gathers a FollowUpReport's content from the other apps' selectors, as plain JSON.

No climate maths here: every figure comes from the selector that also feeds that app's pages and
API (emissions budgets and goal gaps, indicator `summarise`, the investment `summary_json`).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from django.apps import apps
from django.http import Http404
from django.utils import timezone

from klimatkontrakt.contracts import selectors as contracts
from klimatkontrakt.contracts.structure import default_status_label
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.goals.selectors import team_for_report
from klimatkontrakt.indicators import selectors as indicator_selectors
from klimatkontrakt.investments import selectors as investments
from klimatkontrakt.organisations.access import REPORT
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans import selectors as plan_selectors
from klimatkontrakt.reports.selectors import headline_summary, summary_json

FOOTPRINT_APP = "klimatkontrakt.footprint"


def finite_or_none(value: Any) -> float | None:
    """A float for JSON, None for missing or NaN (JSON has no NaN)."""
    if value is None:
        return None
    x = float(value)
    return None if math.isnan(x) or math.isinf(x) else x


def gather(municipality: Municipality, year: int, user: Any = None) -> dict[str, Any]:
    # Without a user the report reads as `REPORT`: published sources, and unpublished ones only
    # where an editor marked them "include in report" (listed in `unpublished_sources`).
    reader = user if user is not None else REPORT
    return {
        "municipality": {
            "code": municipality.code,
            "name": municipality.name,
            "display_name": municipality.display_name,
        },
        "year": year,
        "gathered_at": timezone.now().isoformat(),
        "summary": summary_json(headline_summary(municipality, reader, year)),
        "emissions": _emissions(municipality, year, reader),
        "indicators": _indicators(municipality, year, reader),
        "action_plans": _action_plans(municipality, reader),
        "contract": _contract(municipality, year, reader),
        "investments": _investments(municipality, reader),
        "footprint": _footprint(municipality, year, reader),
        "proposals": _proposals(municipality),
        "local_contracts": _local_contracts(municipality, year),
        "unpublished_sources": unpublished_sources(municipality, year, reader),
    }


def unpublished_sources(muni: Municipality, year: int, reader: Any) -> list[dict[str, str]]:
    """Every source the report read (through the same selectors) that is not yet published."""
    sources = [
        {"kind": "indicator", "name": i.name}
        for i in indicator_selectors.visible_indicators(reader, muni)
        if not i.is_published
    ]
    sources += [
        {"kind": "action_plan", "name": p.title}
        for p in plan_selectors.visible_plans(reader, muni)
        if not p.is_published
    ]
    sources += [
        {"kind": "investment_plan", "name": p.name}
        for p in investments.visible_plans(reader, muni)
        if not p.is_published
    ]
    sources += [
        {"kind": "goal", "name": g.name}
        for g in emissions.goals(reader, muni)
        if not g.is_published
    ]
    version = contracts.visible_versions(reader, muni).filter(year=year).first()
    if version is not None and not version.is_published:
        sources.append({"kind": "contract", "name": str(version.year)})
    if apps.is_installed(FOOTPRINT_APP):
        from importlib import import_module

        ledger = import_module(f"{FOOTPRINT_APP}.selectors").current_ledger(reader, muni)
        if ledger is not None and not ledger.published:
            sources.append({"kind": "ledger", "name": ledger.name})
    return sources


def _proposals(muni: Municipality) -> dict[str, Any]:
    """Proposals tracked to an answer: the published totals (engagement's one source of them),
    with the municipality's state names for the renderers."""
    from klimatkontrakt.engagement.selectors.proposals import state_names, totals

    return {**totals(muni).as_json(), "state_names": state_names(muni)}


def _emissions(muni: Municipality, year: int, reader: Any) -> dict[str, Any]:
    gas = emissions.headline_gas()
    if gas is None:
        return {"available": False}
    release = emissions.current_release(gas)
    # One source for a year's total: the summary, the page and an SMHI indicator read it too.
    by_year = emissions.territorial_totals(release, muni)
    series = [{"year": y, "value_t": finite_or_none(v)} for y, v in sorted(by_year.items())]
    goals = []
    for goal in emissions.goals(reader, muni).filter(gas__in=[gas, ""]).order_by("target_year"):
        gap = emissions.goal_gap_for(release, muni, goal)
        at_target = gap.years.index(goal.target_year) if goal.target_year in gap.years else None
        goals.append(
            {
                "name": goal.name,
                "team": team_for_report(goal),
                "target_year": goal.target_year,
                "target_t": finite_or_none(gap.target_t),
                "start_year": gap.start_year,
                "bau_at_target_t": None
                if at_target is None
                else finite_or_none(gap.bau_total[at_target]),
                "gap_at_target_t": None
                if at_target is None
                else finite_or_none(gap.gap_total[at_target]),
                "path": [
                    {"year": y, "value_t": finite_or_none(v)}
                    for y, v in zip(gap.years, gap.path_total, strict=True)
                    if y <= goal.target_year
                ],
            }
        )
    budget = None
    try:
        b = emissions.municipality_budget(muni, gas=gas, current_year=year, user=reader)
        budget = {
            k: b[k]
            for k in (
                "method",
                "unit",
                "budget_t",
                "budget_start_year",
                "required_reduction_pct",
                "budget_runs_out",
                "meets_goal",
                "trend_total_t",
                "state",
            )
        }
        budget["paris_path"] = {k: finite_or_none(v) for k, v in b["paris_path"].items()}
        budget["source"] = b["source"]
    except (emissions.NoRelease, ValueError, KeyError):
        budget = None
    latest = max((y for y in by_year if y <= year), default=None)
    return {
        "available": True,
        "gas": gas,
        "unit": emissions.unit_of(release),
        "source": emissions.source_of(release),
        "series": series,
        "latest_year": latest,
        "latest_t": by_year.get(latest) if latest else None,
        "previous_t": by_year.get(latest - 1) if latest else None,
        "goals": goals,
        "budget": budget,
    }


def _previous_statuses(muni: Municipality, year: int) -> dict[int, str | None]:
    """Indicator statuses in last year's approved report, to show what changed."""
    from klimatkontrakt.reports.models import FollowUpReport

    previous = FollowUpReport.objects.filter(
        municipality=muni, year=year - 1, state=FollowUpReport.State.APPROVED
    ).first()
    if previous is None:
        return {}
    return {i["id"]: i["status"] for i in previous.data.get("indicators", [])}


def _indicators(muni: Municipality, year: int, reader: Any) -> list[dict[str, Any]]:
    before = _previous_statuses(muni, year)
    out = []
    for indicator in indicator_selectors.visible_indicators(reader, muni):
        s = indicator_selectors.summarise(indicator)
        a = s.assessment
        rows = {r.year: r for r in s.rows}
        this, last = rows.get(year), rows.get(year - 1)
        out.append(
            {
                "id": indicator.pk,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "is_example": indicator.is_example,
                "value": finite_or_none(this.value) if this else None,
                "previous_value": finite_or_none(last.value) if last else None,
                "latest_year": s.latest_year,
                "latest_value": finite_or_none(s.latest_value),
                "target_year": a.target_year,
                "target_value": finite_or_none(a.target_value),
                "expected_value": finite_or_none(a.expected_value),
                "status": str(a.status) if a.status else None,
                "previous_status": before.get(indicator.pk),
                "decimals": s.decimals,
                "sources": sorted({r.provenance for r in s.rows if r.provenance}),
                "rows": [
                    {
                        "year": r.year,
                        "value": finite_or_none(r.value),
                        "target": finite_or_none(r.target),
                        "trend": finite_or_none(r.trend),
                    }
                    for r in s.rows
                ],
            }
        )
    return out


def _status(status: Any) -> dict[str, str]:
    return {"key": status.key, "sv": status.name_sv, "en": status.name_en}


def _action_plans(muni: Municipality, reader: Any) -> list[dict[str, Any]]:
    stale = {a.pk for a in plan_selectors.stale_actions(muni)}
    plans = []
    for plan in plan_selectors.visible_plans(reader, muni):
        actions = list(
            plan.actions.select_related("status", "work_package", "responsible_department")
        )
        statuses = {a.status.key: _status(a.status) for a in actions}
        counts = plan_selectors.status_counts(plan)
        packages = [
            {"code": wp.code, "title": wp.title, "counts": dict(counts.get(wp.code, Counter()))}
            for wp in plan.work_packages.order_by("order", "code")
        ]
        if "" in counts:
            packages.append({"code": "", "title": "", "counts": dict(counts[""])})
        plans.append(
            {
                "title": plan.title,
                "kind": plan.kind,
                "owner": plan.owner_name,
                "statuses": statuses,
                "work_packages": packages,
                "actions": [
                    {
                        "identifier": a.identifier,
                        "title": a.title,
                        "work_package": a.work_package.code if a.work_package else "",
                        "status": a.status.key,
                        "progress": a.progress,
                        "department": a.responsible_department.name
                        if a.responsible_department
                        else "",
                        "overdue": a.pk in stale,
                    }
                    for a in actions
                ],
            }
        )
    return plans


def _commitment(c: Any) -> dict[str, Any]:
    return {
        "section": f"{c.section.number} {c.section.heading}",
        "party": c.party_label,
        "title": c.title,
        "planned_year": c.planned_year,
        "status": _status(c.status),
        "department": c.responsible_department.name if c.responsible_department else "",
    }


def _common_commitment(c: Any) -> dict[str, Any]:
    sv, en = (default_status_label(c.status, lang) for lang in ("sv", "en"))
    return {
        "section": f"{c.section.number} {c.section.heading}",
        "party": c.party_label,
        "title": c.title,
        "planned_year": c.planned_year,
        "status": {"key": c.status, "sv": sv, "en": en},
        "department": "",
    }


def _contract(muni: Municipality, year: int, reader: Any) -> dict[str, Any]:
    try:
        version = contracts.version_for(reader, muni, year)
    except Http404:
        return {"available": False}
    commitments = [_commitment(c) for c in contracts.commitments_of(version)]
    # The common part's commitments, with the status their owners keep (one for all cities).
    commitments += [_common_commitment(c) for c in contracts.common_commitments_of(version)]
    counts = Counter(c["status"]["key"] for c in commitments)
    previous = version.previous
    if previous is None:
        previous = contracts.visible_versions(reader, muni).filter(year=year - 1).first()
    changes = None
    if previous is not None:
        diff = contracts.diff_versions(previous, version)
        changes = {
            "from_year": previous.year,
            "added": [c.title for c in diff.added],
            "completed": [c.title for c in diff.completed],
            "removed": [c.title for c in diff.removed],
            "changed": [
                {"title": ch.new.title, "fields": [f.label for f in ch.fields]}
                for ch in diff.changed
            ],
            "unchanged": diff.unchanged,
            "sections_changed": [s.title for _, s in diff.sections_changed],
        }
    return {
        "available": True,
        "year": version.year,
        "signed": version.is_signed,
        "commitments": commitments,
        "status_counts": dict(counts),
        "changes": changes,
    }


def _investments(muni: Municipality, reader: Any) -> list[dict[str, Any]]:
    out = []
    for plan in investments.visible_plans(reader, muni):
        data = investments.summary_json(investments.plan_summary(plan))
        statuses = Counter(m.status for m in plan.measures.all())
        out.append(
            {
                "plan": data["plan"],
                "example_figures": data["example_figures"],
                "measures": len(data["measures"]),
                "measure_status": dict(statuses),
                "reduction_t_per_year": finite_or_none(
                    sum(m["reduction_t_per_year"] or 0 for m in data["measures"])
                ),
                "cumulative_t": finite_or_none(data["cumulative_t"]),
                "budget_total_t": finite_or_none(data["budget_total_t"]),
                "within_budget": data["within_budget"],
                "probability_within_budget": finite_or_none(data["probability_within_budget"]),
                "total_capex_sek": finite_or_none(data["funding"]["total_capex_sek"]),
                "external_sek": finite_or_none(data["funding"]["external_sek"]),
                "municipal_share": finite_or_none(data["funding"]["municipal_share"]),
                "reasons": data["reasons"],
            }
        )
    return out


def _footprint(muni: Municipality, year: int, reader: Any) -> dict[str, Any]:
    if not apps.is_installed(FOOTPRINT_APP):
        return {"available": False}
    from importlib import import_module

    selectors = import_module(f"{FOOTPRINT_APP}.selectors")
    tables = import_module(f"{FOOTPRINT_APP}.tables")
    ledger = selectors.current_ledger(reader, muni)
    if ledger is None:
        return {"available": True, "ledger": None}
    result = selectors.footprint(ledger)
    by_year = result.get("by_year", {})
    categories = sorted(result.get("by_category", {}).items(), key=lambda kv: -(kv[1]["t"] or 0))
    return {
        "available": True,
        "ledger": ledger.name,
        "example_data": ledger.example_data,
        "total_t": finite_or_none(result["total_t"]),
        "low_t": finite_or_none(result["range_t"]["low"]),
        "high_t": finite_or_none(result["range_t"]["high"]),
        "spend_sek": finite_or_none(result["spend_sek"]),
        "coverage_pct": finite_or_none(result["coverage_pct"]),
        "lines": result["lines"],
        # The years the totals cover, named as the footprint page names them.
        "period": tables.periods(result)["ledger"],
        "year_t": finite_or_none(by_year[str(year)]["t"]) if str(year) in by_year else None,
        "categories": [
            {
                "category": k,
                "spend_sek": finite_or_none(v["spend_sek"]),
                "t": finite_or_none(v["t"]),
            }
            for k, v in categories[:10]
        ],
    }


def _local_contracts(muni: Municipality, year: int) -> dict[str, Any]:
    """The local climate contract's roll-up for the year, as its page, API and CLI give it."""
    from klimatkontrakt.engagement.selectors import local_contracts

    contract = local_contracts.contract_for(muni)
    if local_contracts.published_version(contract) is None:
        return {"available": False}
    return {"available": True, **local_contracts.rollup_json(local_contracts.rollup(muni, year))}
