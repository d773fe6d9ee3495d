"""Reads of the investment plan. `plan_summary` is the one function behind every figure on the
plan's pages, its exports, the API and `klimatkontrakt investments show`."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop

from klimatkontrakt.calc import measures as calc_measures
from klimatkontrakt.calc.cobenefits import (
    CoBenefit as CalcCoBenefit,
)
from klimatkontrakt.calc.cobenefits import (
    MonetisedCoBenefit,
    cost_per_t_after_cobenefits,
    monetise,
)
from klimatkontrakt.calc.measures import Estimate
from klimatkontrakt.calc.pathway import Goal, Pathway, build_pathway
from klimatkontrakt.calc.portfolio import PortfolioProblem, PortfolioResult, build_problem, solve
from klimatkontrakt.calc.uncertainty import CostBand, UncertaintyResult, simulate, simulate_costs
from klimatkontrakt.investments.constraints import ConstraintGroup, grouped
from klimatkontrakt.investments.inputs import plan_inputs
from klimatkontrakt.investments.models import Funding, FundingSource, InvestmentPlan, Measure
from klimatkontrakt.organisations.access import published_or_included
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.cobenefits import default_valuations
from klimatkontrakt.sources.measures import MeasureRow

CO2E_VALUE_KEY = "co2e_societal_value"


def visible_plans(user: Any, municipality: Municipality) -> QuerySet[InvestmentPlan]:
    plans = InvestmentPlan.objects.filter(municipality=municipality).filter(
        published_or_included(user, municipality)
    )
    return plans.select_related("department", "municipality")


def measures_of_municipality(municipality: Municipality) -> QuerySet[Measure]:
    """Every measure of the municipality's investment plans, by plan and name."""
    return (
        Measure.objects.filter(plan__municipality=municipality)
        .select_related("plan")
        .order_by("plan__name", "name")
    )


def plan_for(user: Any, municipality: Municipality, plan_id: int) -> InvestmentPlan:
    plan = visible_plans(user, municipality).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such investment plan")
    return plan


def plan_by_name(municipality_code: str, name: str) -> InvestmentPlan:
    plan = (
        InvestmentPlan.objects.filter(municipality__code=municipality_code, name=name)
        .select_related("municipality", "department")
        .first()
    )
    if plan is None:
        raise InvestmentPlan.DoesNotExist(
            f"no investment plan named {name!r} in municipality {municipality_code}"
        )
    return plan


def f(value: Any) -> float | None:
    return None if value is None else float(value)


def reduction_estimate(m: Measure) -> Estimate:
    if m.derived_from_activity:
        central = calc_measures.activity_reduction_t(
            float(m.activity_units),  # type: ignore[arg-type]
            float(m.activity_per_unit),  # type: ignore[arg-type]
            float(m.factor_before_kg),  # type: ignore[arg-type]
            float(m.factor_after_kg),  # type: ignore[arg-type]
        )
        ratio_low = (
            float(m.reduction_low_t_per_year) / float(m.reduction_t_per_year)
            if m.reduction_low_t_per_year is not None and m.reduction_t_per_year
            else 1.0
        )
        ratio_high = (
            float(m.reduction_high_t_per_year) / float(m.reduction_t_per_year)
            if m.reduction_high_t_per_year is not None and m.reduction_t_per_year
            else 1.0
        )
        return Estimate(central * ratio_low, central, central * ratio_high)
    return Estimate.of(
        float(m.reduction_t_per_year),
        f(m.reduction_low_t_per_year),
        f(m.reduction_high_t_per_year),
    )


def to_calc(m: Measure, sector: str | None = None) -> calc_measures.Measure:
    return calc_measures.Measure(
        name=m.name,
        sector=sector or m.sector,
        category=m.category,
        department=m.department.name if m.department else "",
        kind=m.kind,
        start_year=m.start_year,
        ramp_up_years=m.ramp_up_years,
        lifetime_years=m.lifetime_years,
        capex_sek=Estimate.of(float(m.capex_sek), f(m.capex_low_sek), f(m.capex_high_sek)),
        opex_change_sek_per_year=Estimate.of(
            float(m.opex_change_sek_per_year),
            f(m.opex_change_low_sek_per_year),
            f(m.opex_change_high_sek_per_year),
        ),
        reduction_t_per_year=reduction_estimate(m),
    )


def bau_by_sector(plan: InvestmentPlan) -> dict[str, list[float]]:
    """BAU per sector for the plan's years, from wherever the plan takes it (see inputs.py)."""
    return plan_inputs(plan).bau


def plan_sectors(plan: InvestmentPlan) -> list[str]:
    """The sectors a measure of this plan may act on: those of its pathway's BAU (SMHI sectors
    for a territorial plan, purchase categories for one from the footprint, else the entered
    baseline's)."""
    return list(plan_inputs(plan).bau)


@dataclass
class MeasureFigures:
    measure: Measure
    calc: calc_measures.Measure
    abatement_cost_sek_per_t: float | None
    cobenefits: list[MonetisedCoBenefit]
    cobenefits_sek_per_year: float
    cost_after_cobenefits_sek_per_t: float | None
    funded_sek: float
    in_pathway: bool


@dataclass
class FundingFigures:
    capital_need_by_year: dict[int, float]
    by_source_and_year: dict[tuple[str, int], float]  # (source name, year) → SEK
    by_state: dict[str, float]
    sources: list[FundingSource]
    total_capex_sek: float
    external_sek: float
    municipal_funded_sek: float
    unfunded_sek: float

    @property
    def municipal_share(self) -> float | None:
        """Share of the capital need the municipality carries (own sources and unfunded)."""
        if self.total_capex_sek <= 0:
            return None
        return max(0.0, 1.0 - self.external_sek / self.total_capex_sek)

    @property
    def municipal_share_pct(self) -> float | None:
        share = self.municipal_share
        return None if share is None else 100 * share


@dataclass
class PlanSummary:
    plan: InvestmentPlan
    years: list[int]
    measures: list[MeasureFigures]
    pathway: Pathway | None
    uncertainty: UncertaintyResult | None
    problem: PortfolioProblem | None
    optimum: PortfolioResult | None
    chosen_cost_sek: float | None
    chosen_violations: list[str]
    funding: FundingFigures
    reasons: dict[str, str] = field(default_factory=dict)  # why a figure is missing
    unmatched_measures: list[str] = field(default_factory=list)
    co2e_value_sek_per_t: float | None = None
    baseline_source: str = ""
    budget_source: str = ""
    cost_band: CostBand | None = None
    chosen_broken: list[ConstraintGroup] = field(default_factory=list)  # each limit once
    binding: list[ConstraintGroup] = field(default_factory=list)  # limits that hold the optimum

    @property
    def within_budget(self) -> bool | None:
        return None if self.pathway is None else self.pathway.within_budget

    @property
    def probability_within_budget(self) -> float | None:
        return None if self.uncertainty is None else self.uncertainty.probability_within_budget

    @property
    def probability_pct(self) -> float | None:
        p = self.probability_within_budget
        return None if p is None else 100 * p


def _active(plan: InvestmentPlan) -> list[Measure]:
    return list(
        plan.measures.exclude(status=Measure.Status.CANCELLED)
        .select_related("department")
        .prefetch_related("cobenefits", "fundings__source", "commitments__version", "actions__plan")
    )


def funded_sek(m: Measure) -> float:
    """The funding entered for a measure, every state (planned, applied, granted, paid)."""
    return sum(float(x.amount_sek) for x in m.fundings.all())


SECURED_STATES = (Funding.State.GRANTED, Funding.State.PAID)


def secured_sek(m: Measure) -> float:
    """The funding of a measure that is decided: granted or paid (not planned, not applied)."""
    return sum(float(x.amount_sek) for x in m.fundings.all() if x.state in SECURED_STATES)


@dataclass(frozen=True)
class FundingGap:
    measure: Measure
    capex_sek: float
    funded_sek: float  # every state, as the plan summary counts it
    secured_sek: float  # granted or paid

    @property
    def gap_sek(self) -> float:
        """What the decided funding leaves of the capital cost."""
        return max(0.0, self.capex_sek - self.secured_sek)


def funding_gaps(plan: InvestmentPlan) -> list[FundingGap]:
    """The plan's active measures (not cancelled, not done) whose decided funding (granted or
    paid) does not cover their capital cost: the measures that calls for funding may serve."""
    gaps = [
        FundingGap(m, float(m.capex_sek), funded_sek(m), secured_sek(m))
        for m in _active(plan)
        if m.status != Measure.Status.DONE
    ]
    return [g for g in gaps if g.gap_sek > 0]


def plan_summary(plan: InvestmentPlan, *, runs: int | None = None) -> PlanSummary:
    valuations = default_valuations()
    rate = float(plan.discount_rate)
    years = list(plan.years)
    inputs = plan_inputs(plan)
    bau = inputs.bau
    reasons: dict[str, str] = dict(inputs.reasons)
    single = next(iter(bau)) if len(bau) == 1 else None
    rows: list[MeasureFigures] = []
    for m in _active(plan):
        in_pathway = bool(bau) and (single is not None or m.sector in bau)
        cm = to_calc(m, single if in_pathway and single else None)
        cost = cm.abatement_cost_per_t(rate) if cm.reduction_t_per_year.central > 0 else None
        monetised = [
            monetise(
                CalcCoBenefit(
                    c.kind,
                    c.description,
                    f(c.quantity_per_year),
                    c.valuation_key,
                    f(c.unit_value_sek),
                ),
                valuations,
            )
            for c in m.cobenefits.all()
        ]
        co_value = sum(x.value_sek_per_year or 0.0 for x in monetised)
        rows.append(
            MeasureFigures(
                measure=m,
                calc=cm,
                abatement_cost_sek_per_t=cost,
                cobenefits=monetised,
                cobenefits_sek_per_year=co_value,
                cost_after_cobenefits_sek_per_t=(
                    None
                    if cost is None
                    else cost_per_t_after_cobenefits(
                        cost, co_value, cm.reduction_t_per_year.central
                    )
                ),
                funded_sek=funded_sek(m),
                in_pathway=in_pathway,
            )
        )
    unmatched = [r.measure.name for r in rows if not r.in_pathway and bau]
    in_path = [r.calc for r in rows if r.in_pathway]
    budget = inputs.budget_total_t
    goal = (
        Goal(plan.goal_year, float(plan.goal_level_t))
        if plan.goal_year is not None and plan.goal_level_t is not None
        else None
    )
    pathway = uncertainty = optimum = problem = None
    cost_band: CostBand | None = None
    chosen_cost: float | None = None
    violations: list[str] = []
    chosen_broken: list[ConstraintGroup] = []
    binding: list[ConstraintGroup] = []
    if not bau:
        reasons.setdefault("pathway", gettext_noop("the plan has no baseline (BAU) emissions yet"))
    else:
        pathway = build_pathway(
            years,
            bau,
            in_path,
            budget_path=inputs.budget_path,
            budget_total_t=budget,
            goal=goal,
        )
        if budget is None:
            reasons["probability_within_budget"] = gettext_noop("the plan has no carbon budget yet")
        uncertainty = simulate(
            years,
            bau,
            in_path,
            budget_total_t=budget,
            runs=runs or plan.monte_carlo_runs,
            seed=plan.monte_carlo_seed,
        )
        if budget is None and goal is None:
            reasons["optimum"] = gettext_noop("the optimum needs a carbon budget or a goal")
        else:
            limits = (
                {y: float(plan.capital_limit_sek_per_year) for y in years}
                if plan.capital_limit_sek_per_year is not None
                else None
            )
            problem = build_problem(
                years,
                bau,
                in_path,
                discount_rate=rate,
                base_year=plan.base_year,
                budget_total_t=budget,
                goal=goal if budget is None else None,
                capital_limits_sek=limits,
                integer=[plan.whole_measures_only] * len(in_path),
            )
            optimum = solve(problem)
            cost_band = simulate_costs(
                years,
                in_path,
                rate=rate,
                base_year=plan.base_year,
                runs=runs or plan.monte_carlo_runs,
                seed=plan.monte_carlo_seed,
            )
            ones = [1.0] * len(in_path)
            chosen_cost = problem.cost_sek(ones)
            violations = problem.violations(ones)
            chosen_broken = grouped(problem, problem.broken_rows(ones))
            if optimum.optimal:
                scales = [optimum.scales[n] for n in problem.names]
                binding = grouped(problem, problem.binding_rows(scales))
    if bau and not in_path:
        reasons.setdefault("measures", gettext_noop("no measure acts on a sector of the baseline"))
    if "probability_within_budget" not in reasons and not bau:
        reasons["probability_within_budget"] = reasons["pathway"]
    co2 = valuations.get(CO2E_VALUE_KEY)
    return PlanSummary(
        plan=plan,
        years=years,
        measures=rows,
        pathway=pathway,
        uncertainty=uncertainty,
        problem=problem,
        optimum=optimum,
        chosen_cost_sek=chosen_cost,
        chosen_violations=violations,
        funding=funding_figures(plan, rows),
        reasons=reasons,
        unmatched_measures=unmatched,
        co2e_value_sek_per_t=co2.value_sek if co2 else None,
        baseline_source=inputs.baseline_source,
        budget_source=inputs.budget_source,
        cost_band=cost_band,
        chosen_broken=chosen_broken,
        binding=binding,
    )


def funding_figures(plan: InvestmentPlan, rows: list[MeasureFigures]) -> FundingFigures:
    need: dict[int, float] = defaultdict(float)
    by_source: dict[tuple[str, int], float] = defaultdict(float)
    by_state: dict[str, float] = defaultdict(float)
    external = municipal = 0.0
    total = 0.0
    for r in rows:
        capex = float(r.measure.capex_sek)
        need[r.measure.start_year] += capex
        total += capex
        for funding in r.measure.fundings.all():
            amount = float(funding.amount_sek)
            by_source[(funding.source.name, funding.year)] += amount
            by_state[funding.state] += amount
            if funding.source.is_municipal:
                municipal += amount
            else:
                external += amount
    sources = list(
        FundingSource.objects.filter(municipality=plan.municipality).select_related("funder")
    )
    return FundingFigures(
        capital_need_by_year=dict(sorted(need.items())),
        by_source_and_year=dict(sorted(by_source.items(), key=lambda kv: (kv[0][1], kv[0][0]))),
        by_state=dict(by_state),
        sources=sources,
        total_capex_sek=total,
        external_sek=external,
        municipal_funded_sek=municipal,
        unfunded_sek=max(0.0, total - external - municipal),
    )


def fundings(plan: InvestmentPlan) -> QuerySet[Funding]:
    return Funding.objects.filter(measure__plan=plan).select_related("measure", "source")


def summary_json(summary: PlanSummary) -> dict[str, Any]:
    """The plan as one JSON object: `investments show --format json` and the API."""
    plan = summary.plan
    p, u, o = summary.pathway, summary.uncertainty, summary.optimum
    out: dict[str, Any] = {
        "municipality": plan.municipality.code,
        "plan": plan.name,
        "scope": plan.scope,
        "department": plan.department.name if plan.department else None,
        "example_figures": plan.is_example,
        "discount_rate": float(plan.discount_rate),
        "base_year": plan.base_year,
        "end_year": plan.end_year,
        "budget_total_t": summary.pathway.budget_total_t
        if summary.pathway
        else f(plan.budget_total_t),
        "baseline_source": summary.baseline_source,
        "budget_source": summary.budget_source,
        "goal": (
            {"year": plan.goal_year, "level_t": f(plan.goal_level_t)}
            if plan.goal_year is not None
            else None
        ),
        "measures": [
            {
                "name": r.measure.name,
                "sector": r.measure.sector,
                "department": r.measure.department.name if r.measure.department else None,
                "start_year": r.measure.start_year,
                "lifetime_years": r.measure.lifetime_years,
                "capex_sek": float(r.measure.capex_sek),
                "opex_change_sek_per_year": float(r.measure.opex_change_sek_per_year),
                "reduction_t_per_year": r.calc.reduction_t_per_year.central,
                "reduction_range_t_per_year": dataclasses.astuple(r.calc.reduction_t_per_year),
                "abatement_cost_sek_per_t": r.abatement_cost_sek_per_t,
                "cobenefits_sek_per_year": r.cobenefits_sek_per_year,
                "cost_after_cobenefits_sek_per_t": r.cost_after_cobenefits_sek_per_t,
                "in_pathway": r.in_pathway,
                "commitments": [c.title for c in r.measure.commitments.all()],
                "actions": [f"{a.plan.title} {a.identifier}" for a in r.measure.actions.all()],
            }
            for r in summary.measures
        ],
        "bau": None
        if p is None
        else {str(y): float(v) for y, v in zip(p.years, p.bau_t, strict=True)},
        "pathway": None
        if p is None
        else {str(y): float(v) for y, v in zip(p.years, p.emissions_t, strict=True)},
        "cumulative_t": None if p is None else p.total_cumulative_t,
        "within_budget": None if p is None else p.within_budget,
        "budget_margin_t": None if p is None else p.budget_margin_t,
        "goal_met": None if p is None else p.goal_met,
        "capped_t": None if p is None else p.capped_total_t(),
        "overlaps": []
        if p is None
        else [
            {"sector": x.sector, "category": x.category, "measures": list(x.measures)}
            for x in p.overlaps
        ],
        "probability_within_budget": None if u is None else u.probability_within_budget,
        "probability_within_budget_reason": summary.reasons.get("probability_within_budget"),
        "band": None
        if u is None
        else {
            str(y): {"p10": float(a), "p50": float(b), "p90": float(c)}
            for y, a, b, c in zip(u.years, u.p10_t, u.p50_t, u.p90_t, strict=True)
        },
        "monte_carlo": None
        if u is None
        else {"runs": u.runs, "seed": u.seed, "distribution": u.distribution},
        "optimum": None
        if o is None
        else {
            "status": o.status,
            "total_cost_sek": o.total_cost_sek,
            "cumulative_t": o.cumulative_t,
            "scales": o.scales,
            "shadow_price_sek_per_t": o.shadow_price_dual_sek_per_t,
            "shadow_price_resolve_sek_per_t": o.shadow_price_resolve_sek_per_t,
        },
        "chosen_cost_sek": summary.chosen_cost_sek,
        "chosen_cost_band_sek": None
        if summary.cost_band is None
        else {
            "p10": summary.cost_band.p10_sek,
            "p50": summary.cost_band.p50_sek,
            "p90": summary.cost_band.p90_sek,
        },
        "chosen_violations": summary.chosen_violations,
        "funding": {
            "total_capex_sek": summary.funding.total_capex_sek,
            "external_sek": summary.funding.external_sek,
            "municipal_share": summary.funding.municipal_share,
            "capital_need_by_year": {
                str(k): v for k, v in summary.funding.capital_need_by_year.items()
            },
            "sources": [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "funder": s.funder.slug if s.funder else None,
                }
                for s in summary.funding.sources
            ],
        },
        "unmatched_measures": summary.unmatched_measures,
        "reasons": summary.reasons,
    }
    return out


def measure_rows(plan: InvestmentPlan) -> list[MeasureRow]:
    """The plan's measures in the documented import/export columns (round-trips an import)."""
    out = []
    for m in plan.measures.select_related("department").prefetch_related("cobenefits"):
        out.append(
            MeasureRow(
                row=0,
                name=m.name,
                sector=m.sector,
                department=m.department.name if m.department else "",
                start_year=m.start_year,
                lifetime_years=m.lifetime_years,
                capex_sek=float(m.capex_sek),
                opex_change_sek_per_year=float(m.opex_change_sek_per_year),
                reduction_t_per_year=float(m.reduction_t_per_year),
                description=m.description,
                category=m.category,
                kind=m.kind,
                status=m.status,
                ramp_up_years=m.ramp_up_years,
                reduction_low_t_per_year=f(m.reduction_low_t_per_year),
                reduction_high_t_per_year=f(m.reduction_high_t_per_year),
                capex_low_sek=f(m.capex_low_sek),
                capex_high_sek=f(m.capex_high_sek),
                opex_change_low_sek_per_year=f(m.opex_change_low_sek_per_year),
                opex_change_high_sek_per_year=f(m.opex_change_high_sek_per_year),
                cobenefits="; ".join(c.description for c in m.cobenefits.all() if c.description),
            )
        )
    return out
