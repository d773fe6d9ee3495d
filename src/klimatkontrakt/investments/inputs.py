"""Where a plan's BAU and budget come from: the plan's own fields, or the emissions app.

A plan with `emissions_gas` set takes its BAU per SMHI sector from the current SMHI release
(recorded values for recorded years, each sector's OLS trend from 2015 floored at zero after),
and with `budget_method` set its yearly budget path from the emissions app's budget for that
method. Years of the plan before the budget path starts are already spent: the path counts them
at their BAU value, so they neither help nor hurt. Otherwise the plan's own baseline sectors and
budget fields are used.

A plan with `baseline_from_footprint` set takes its BAU per purchase category from the
municipality's current published ledger in the footprint app (only the plan's department for a
department plan): recorded tonnes for recorded years, each category's OLS trend over the
recorded years floored at zero for the others. Its budget stays the plan's own.
"""

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_noop

from klimatkontrakt.calc.trends import bau_forecast
from klimatkontrakt.investments.models import InvestmentPlan

TREND_FROM = 2015


@dataclass
class PlanInputs:
    bau: dict[str, list[float]]
    budget_path: list[float] | None
    budget_total_t: float | None
    baseline_source: str
    budget_source: str
    reasons: dict[str, str] = field(default_factory=dict)


def entered_bau(plan: InvestmentPlan) -> dict[str, list[float]]:
    """BAU per sector from the plan's baseline: base-year emissions × (1 + trend)^(year − base)."""
    return {
        b.sector: [
            float(b.base_t) * (1.0 + float(b.trend_per_year)) ** (y - plan.base_year)
            for y in plan.years
        ]
        for b in plan.baseline.all()
    }


def plan_inputs(plan: InvestmentPlan) -> PlanInputs:
    if plan.baseline_from_footprint:
        return _from_footprint(plan)
    if not plan.emissions_gas:
        return PlanInputs(
            bau=entered_bau(plan),
            budget_path=None,
            budget_total_t=None if plan.budget_total_t is None else float(plan.budget_total_t),
            baseline_source="; ".join(sorted({b.source for b in plan.baseline.all() if b.source})),
            budget_source=plan.budget_source,
        )
    return _from_emissions(plan)


def _from_emissions(plan: InvestmentPlan) -> PlanInputs:
    from klimatkontrakt.emissions import selectors as emissions

    try:
        release = emissions.current_release(plan.emissions_gas)
    except emissions.NoRelease:
        return PlanInputs(
            {},
            None,
            None,
            "",
            "",
            {"pathway": gettext_noop("no SMHI release of that gas is imported yet")},
        )
    history = emissions.sector_history(release, plan.municipality)
    if not history.sectors:
        return PlanInputs(
            {},
            None,
            None,
            "",
            "",
            {"pathway": gettext_noop("the SMHI release has no sectors for this municipality")},
        )
    years = list(plan.years)
    last = history.years[-1]
    trend = bau_forecast(
        history.years, history.values, from_year=TREND_FROM, until=max(plan.end_year, last + 1)
    ).trend
    forecast = trend.at(years)
    bau: dict[str, list[float]] = {}
    for i, sector in enumerate(history.sectors):
        row = []
        for j, y in enumerate(years):
            recorded = history.values[i, history.years.index(y)] if y in history.years else np.nan
            row.append(float(recorded) if np.isfinite(recorded) else float(forecast[i, j]))
        bau[sector] = row
    source = emissions.source_of(release)
    baseline_source = (
        f"SMHI {source.get('gas')} {source.get('release')} ({source.get('file_name')}); "
        f"BAU: OLS trend {TREND_FROM}–{last}, floored at zero"
    )
    if not plan.budget_method:
        total = None if plan.budget_total_t is None else float(plan.budget_total_t)
        return PlanInputs(bau, None, total, baseline_source, plan.budget_source)
    budget = emissions.municipality_budget(
        plan.municipality, method=plan.budget_method, gas=plan.emissions_gas
    )
    path = {int(y): float(t) for y, t in budget["paris_path"].items()}
    start = budget["budget_start_year"]
    total_bau = np.sum(list(bau.values()), axis=0)
    budget_path = [
        path.get(y, float(total_bau[j]) if y < start else 0.0) for j, y in enumerate(years)
    ]
    return PlanInputs(
        bau,
        budget_path,
        float(sum(budget_path)),
        baseline_source,
        f"{budget['method']} ({budget['unit']}), from {start}; before that the years count at BAU",
    )


def _matches(department: str, plan: InvestmentPlan) -> bool:
    d = plan.department
    if d is None:
        return True
    names = {d.name.strip().casefold(), (d.short_name or "").strip().casefold()} - {""}
    return department.strip().casefold() in names


def _from_footprint(plan: InvestmentPlan) -> PlanInputs:
    from django.contrib.auth.models import AnonymousUser

    from klimatkontrakt.footprint import selectors as footprint

    total = None if plan.budget_total_t is None else float(plan.budget_total_t)
    # Published ledgers only: a published plan must not show an unpublished ledger's figures.
    ledger = footprint.current_ledger(AnonymousUser(), plan.municipality)
    if ledger is None:
        return PlanInputs(
            {},
            None,
            total,
            "",
            plan.budget_source,
            {"pathway": gettext_noop("the municipality has no published purchase ledger yet")},
        )
    scoped = plan.scope == InvestmentPlan.Scope.DEPARTMENT and plan.department is not None
    by_category: dict[str, dict[int, float]] = {}
    for cell in footprint.tonnes_by_cell(ledger):
        if scoped and not _matches(cell["department"], plan):
            continue
        row = by_category.setdefault(cell["category"], {})
        row[cell["year"]] = row.get(cell["year"], 0.0) + cell["t"]
    recorded = sorted({y for row in by_category.values() for y in row})
    if not recorded:
        return PlanInputs(
            {},
            None,
            total,
            "",
            plan.budget_source,
            {
                "pathway": gettext_noop(
                    "the purchase ledger has no emissions for this plan's department"
                )
                if scoped
                else gettext_noop("the purchase ledger has no emissions yet")
            },
        )
    categories = sorted(by_category)
    values = np.array([[by_category[c].get(y, 0.0) for y in recorded] for c in categories])
    years = list(plan.years)
    if len(recorded) >= 2:
        trend = bau_forecast(
            recorded, values, from_year=recorded[0], until=max(plan.end_year, recorded[-1] + 1)
        ).trend
        forecast = trend.at(years)
        method = f"OLS trend {recorded[0]}–{recorded[-1]}, floored at zero"
    else:
        forecast = np.repeat(values, len(years), axis=1)
        method = f"one recorded year ({recorded[0]}), held level"
    bau = {
        c: [
            by_category[c].get(y, 0.0) if y in recorded else float(forecast[i, j])
            for j, y in enumerate(years)
        ]
        for i, c in enumerate(categories)
    }
    files = ", ".join(sorted(ledger.imports.values_list("filename", flat=True)))
    factor_set = ledger.factor_set.name if ledger.factor_set else footprint.factors_for(ledger).name
    where = f"; department {plan.department.name}" if scoped and plan.department else ""
    baseline_source = (
        f"Purchase footprint, ledger {ledger.name} ({files}); factor set {factor_set}{where}; "
        f"BAU: {method}"
    )
    return PlanInputs(bau, None, total, baseline_source, plan.budget_source)
