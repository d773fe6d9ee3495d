"""The plan's figures as tables: one source for the charts, downloads and the XLSX/DOCX exports.

Only reshaping of `selectors.plan_summary`; no climate maths here.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.investments.selectors import PlanSummary
from klimatkontrakt.sources.measures import write_rows


def _source(summary: PlanSummary) -> str:
    plan = summary.plan
    parts = [_("Climate investment plan %(name)s") % {"name": plan.name}]
    if plan.is_example:
        parts.append(_("example figures"))
    if summary.baseline_source:
        parts.append(_("baseline: %(s)s") % {"s": summary.baseline_source})
    if summary.budget_source:
        parts.append(_("budget: %(s)s") % {"s": summary.budget_source})
    return "; ".join(parts)


def signatories_beside(summary: PlanSummary) -> Any:
    """A territorial plan's pathway shows the local climate contract's reported reductions
    beside the measures (engagement app), not added to them: they are part of the same
    territorial emissions."""
    plan = summary.plan
    if plan.scope != plan.Scope.GEOGRAPHY:
        return None
    from klimatkontrakt.engagement.selectors.local_contracts import pathway_contribution

    return pathway_contribution(plan.municipality)


def pathway_table(summary: PlanSummary, signed: Any = None) -> Table:
    """`signed`: the signatories' contribution when the caller has it already."""
    p, u = summary.pathway, summary.uncertainty
    rows: list[dict[str, Any]] = []
    if p is not None:
        for i, year in enumerate(p.years):
            rows.append(
                {
                    "year": year,
                    "bau_t": float(p.bau_t[i]),
                    "pathway_t": float(p.emissions_t[i]),
                    "p10_t": None if u is None else float(u.p10_t[i]),
                    "p90_t": None if u is None else float(u.p90_t[i]),
                    "budget_path_t": None if p.budget_path_t is None else float(p.budget_path_t[i]),
                    "cumulative_t": float(p.cumulative_t[i]),
                    "gap_t": None if p.gap_t() is None else float(p.gap_t()[i]),  # type: ignore[index]
                }
            )
    signed = signed if signed is not None else signatories_beside(summary)
    if signed is not None:
        for r in rows:
            r["signatories_t"] = signed.by_year.get(r["year"])
    return Table(
        key="utslappsbana",
        title=_("Emission pathway with the plan"),
        columns=[
            ("year", _("Year")),
            ("bau_t", _("BAU (t CO2e)")),
            ("pathway_t", _("With the measures (t CO2e)")),
            *([("signatories_t", _("Reductions by signatories (t CO2e)"))] if signed else []),
            ("p10_t", _("P10 (t CO2e)")),
            ("p90_t", _("P90 (t CO2e)")),
            ("budget_path_t", _("Budget path (t CO2e)")),
            ("cumulative_t", _("Cumulative (t CO2e)")),
        ],
        rows=rows,
        source=_source(summary) + "; " + _("band: Monte Carlo, PERT over low/central/high"),
    )


def macc_table(summary: PlanSummary) -> Table:
    from klimatkontrakt.calc.abatement import macc

    costs = {
        r.measure.name: r.abatement_cost_sek_per_t
        for r in summary.measures
        if r.abatement_cost_sek_per_t is not None
    }
    widths = {r.measure.name: r.calc.reduction_t_per_year.central for r in summary.measures}
    bars = macc((name, cost, widths[name]) for name, cost in costs.items())
    return Table(
        key="macc",
        title=_("Marginal abatement cost curve"),
        columns=[
            ("name", _("Measure")),
            ("cost_sek_per_t", _("Cost (SEK per t CO2e)")),
            ("reduction_t_per_year", _("Reduction (t CO2e per year)")),
            ("x_start", _("From (t per year)")),
            ("x_end", _("To (t per year)")),
        ],
        rows=[
            {
                "name": b.name,
                "cost_sek_per_t": b.cost_sek_per_t,
                "reduction_t_per_year": b.width_t_per_year,
                "x_start": b.x_start,
                "x_end": b.x_end,
            }
            for b in bars
        ],
        source=_source(summary)
        + "; "
        + _("cost per tonne = (CRF × capex + opex change) / yearly reduction, r = %(r)s")
        % {"r": summary.plan.discount_rate},
    )


def measures_table(summary: PlanSummary) -> Table:
    """Cost scenarios per action, as in the Climate City Contract investment plan."""
    rows = []
    for r in summary.measures:
        m = r.measure
        red = r.calc.reduction_t_per_year
        rows.append(
            {
                "name": m.name,
                "sector": m.sector,
                "department": m.department.name if m.department else "",
                "kind": m.get_kind_display(),
                "status": m.get_status_display(),
                "start_year": m.start_year,
                "lifetime_years": m.lifetime_years,
                "capex_sek": float(m.capex_sek),
                "opex_change_sek_per_year": float(m.opex_change_sek_per_year),
                "reduction_low_t_per_year": red.low,
                "reduction_t_per_year": red.central,
                "reduction_high_t_per_year": red.high,
                "abatement_cost_sek_per_t": r.abatement_cost_sek_per_t,
                "cobenefits_sek_per_year": r.cobenefits_sek_per_year,
                "cost_after_cobenefits_sek_per_t": r.cost_after_cobenefits_sek_per_t,
                "links": "; ".join(
                    [f"{c.version.year}: {c.title}" for c in m.commitments.all()]
                    + [f"{a.plan.title} {a.identifier}" for a in m.actions.all()]
                ),
                "cobenefits": "; ".join(
                    f"{c.cobenefit.description or c.cobenefit.kind}"
                    + (
                        ""
                        if c.value_sek_per_year is None
                        else f" ({c.value_sek_per_year:.0f} SEK/år)"
                    )
                    for c in r.cobenefits
                ),
            }
        )
    return Table(
        key="atgarder",
        title=_("Measures: cost scenarios"),
        columns=[
            ("name", _("Measure")),
            ("sector", _("Sector")),
            ("department", _("Responsible department")),
            ("kind", _("Type")),
            ("status", _("Status")),
            ("start_year", _("Start year")),
            ("lifetime_years", _("Lifetime (years)")),
            ("capex_sek", _("Capex (SEK)")),
            ("opex_change_sek_per_year", _("Opex change (SEK per year)")),
            ("reduction_low_t_per_year", _("Reduction, low (t/year)")),
            ("reduction_t_per_year", _("Reduction (t CO2e per year)")),
            ("reduction_high_t_per_year", _("Reduction, high (t/year)")),
            ("abatement_cost_sek_per_t", _("Cost (SEK per t CO2e)")),
            ("cobenefits_sek_per_year", _("Monetised co-benefits (SEK per year)")),
            ("cost_after_cobenefits_sek_per_t", _("Cost after co-benefits (SEK per t)")),
            ("cobenefits", _("Co-benefits")),
            ("links", _("Linked commitments and actions")),
        ],
        rows=rows,
        source=_source(summary),
    )


def funding_table(summary: PlanSummary) -> Table:
    f = summary.funding
    kinds = {s.name: s for s in f.sources}
    rows = [
        {
            "year": year,
            "source": name,
            "municipal": _("yes") if kinds[name].is_municipal else _("no"),
            "amount_sek": amount,
        }
        for (name, year), amount in f.by_source_and_year.items()
    ]
    return Table(
        key="finansiering",
        title=_("Funding by source and year"),
        columns=[
            ("year", _("Year")),
            ("source", _("Funding source")),
            ("municipal", _("Carried by the municipality")),
            ("amount_sek", _("Amount (SEK)")),
        ],
        rows=rows,
        source=_source(summary),
    )


def capital_table(summary: PlanSummary) -> Table:
    f = summary.funding
    funded_by_year: dict[int, float] = {}
    for (_name, year), amount in f.by_source_and_year.items():
        funded_by_year[year] = funded_by_year.get(year, 0.0) + amount
    years = sorted(set(f.capital_need_by_year) | set(funded_by_year))
    return Table(
        key="kapitalbehov",
        title=_("Capital need and funding by year"),
        columns=[
            ("year", _("Year")),
            ("capital_need_sek", _("Capital need (SEK)")),
            ("funded_sek", _("Funding entered (SEK)")),
        ],
        rows=[
            {
                "year": y,
                "capital_need_sek": f.capital_need_by_year.get(y, 0.0),
                "funded_sek": funded_by_year.get(y, 0.0),
            }
            for y in years
        ],
        source=_source(summary),
    )


def optimum_table(summary: PlanSummary) -> Table:
    o = summary.optimum
    rows = []
    if o is not None and o.optimal and summary.problem is not None:
        costs = dict(zip(summary.problem.names, summary.problem.costs_sek, strict=True))
        for name in summary.problem.names:
            rows.append(
                {
                    "name": name,
                    "chosen_share": 1.0,
                    "optimal_share": o.scales[name],
                    "discounted_cost_sek": float(costs[name]),
                    "optimal_cost_sek": float(costs[name]) * o.scales[name],
                }
            )
    return Table(
        key="optimum",
        title=_("Cheapest sufficient portfolio beside the chosen plan"),
        columns=[
            ("name", _("Measure")),
            ("chosen_share", _("Chosen plan (share)")),
            ("optimal_share", _("Optimum (share)")),
            ("discounted_cost_sek", _("Discounted net cost, whole measure (SEK)")),
            ("optimal_cost_sek", _("Discounted net cost in the optimum (SEK)")),
        ],
        rows=rows,
        source=_source(summary) + "; " + _("linear programme solved with HiGHS"),
    )


def measure_export(plan: InvestmentPlan) -> Table:
    """The measures in the import file's columns, so that a download can be edited and read back."""
    header, *rows = write_rows(selectors.measure_rows(plan))
    return Table(
        key="atgarder",
        title=_("Measures"),
        columns=[(c, c) for c in header],
        rows=[dict(zip(header, r, strict=True)) for r in rows],
    )


TABLES = {
    "utslappsbana": pathway_table,
    "macc": macc_table,
    "atgarder": measures_table,
    "finansiering": funding_table,
    "kapitalbehov": capital_table,
    "optimum": optimum_table,
}


def table(summary: PlanSummary, slug: str) -> Table | None:
    builder = TABLES.get(slug)
    return None if builder is None else builder(summary)
