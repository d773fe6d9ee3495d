"""Climate investment measures: one row per measure of a published climate investment plan.

Every figure comes from `investments.selectors.plan_summary`, the function behind the plan's
pages, exports and API (the cost per tonne is its `abatement_cost_sek_per_t`); funding is
summed per state from the same measure's funding rows the public funding page lists.
Cancelled measures are left out as the plan's measure table leaves them out. Licence CC BY 4.0:
the figures are the municipality's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser

from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.models import Funding, InvestmentPlan, Measure
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.opendata.datasets.labels import swedish
from klimatkontrakt.organisations.models import Municipality

# The Monte Carlo band is not in this file; a small run keeps the build quick.
RUNS = 50

PHASES = ("pilot", "scale_up", "plan")
PHASE_SV = {"pilot": "Pilot", "scale_up": "Uppskalning", "plan": "Plan"}
STATES = tuple(s.value for s in Funding.State)


def phase(plan: InvestmentPlan) -> str:
    """A plan scaled up from another is a scale-up; a one-department plan is a pilot."""
    if plan.scaled_up_from_id is not None:
        return "scale_up"
    return "pilot" if plan.scope == InvestmentPlan.Scope.DEPARTMENT else "plan"


def _money(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


def _tonnes(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 3)))


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    municipalities = (
        [municipality] if municipality else Municipality.objects.order_by("code").iterator()
    )
    for m in municipalities:
        plans = selectors.visible_plans(AnonymousUser(), m).filter(is_published=True)
        for plan in plans.order_by("name", "pk"):
            summary = selectors.plan_summary(plan, runs=RUNS)
            for r in sorted(summary.measures, key=lambda r: (r.measure.name, r.measure.pk)):
                yield _row(m, plan, r)


def _row(m: Municipality, plan: InvestmentPlan, r: selectors.MeasureFigures) -> dict[str, Any]:
    measure: Measure = r.measure
    by_state = dict.fromkeys(STATES, 0.0)
    external = 0.0
    sources = set()
    for funding in measure.fundings.all():
        by_state[funding.state] += float(funding.amount_sek)
        sources.add(funding.source.name)
        if not funding.source.is_municipal:
            external += float(funding.amount_sek)
    row: dict[str, Any] = {
        "municipality_code": m.code,
        "municipality_name": m.name,
        "plan_id": plan.pk,
        "plan_name": plan.name,
        "plan_scope": plan.scope,
        "phase": phase(plan),
        "phase_label_sv": PHASE_SV[phase(plan)],
        "plan_base_year": plan.base_year,
        "plan_end_year": plan.end_year,
        "example_data": plan.is_example,
        "measure_id": measure.pk,
        "measure": measure.name,
        "sector": measure.sector,
        "category": measure.category or None,
        "department": measure.department.name if measure.department else None,
        "kind": measure.kind,
        "status": measure.status,
        "status_label_sv": swedish(Measure.Status(measure.status).label),
        "start_year": measure.start_year,
        "lifetime_years": measure.lifetime_years,
        "capex_sek": measure.capex_sek,
        "opex_change_sek_per_year": measure.opex_change_sek_per_year,
        "reduction_t_per_year": _tonnes(r.calc.reduction_t_per_year.central),
        "abatement_cost_sek_per_t": _money(r.abatement_cost_sek_per_t),
        "funding_total_sek": _money(r.funded_sek),
        "funding_external_sek": _money(external),
        "funding_sources": "; ".join(sorted(sources)) or None,
    }
    for state in STATES:
        row[f"funding_{state}_sek"] = _money(by_state[state])
    return row


_FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field(
        "plan_id", "integer", "Investeringsplanens id.", "The investment plan's id.", required=True
    ),
    Field("plan_name", "string", "Investeringsplanens namn.", "The plan's name.", required=True),
    Field(
        "plan_scope",
        "string",
        "Planens omfattning: department = en förvaltning, group = kommunkoncernen, "
        "geography = det geografiska området.",
        "The plan's scope: department = one department, group = the municipal group, "
        "geography = the geographical area.",
        required=True,
        enum=tuple(s.value for s in InvestmentPlan.Scope),
    ),
    Field(
        "phase",
        "string",
        "Fas: pilot = plan för en förvaltning, scale_up = plan uppskalad från en pilot, "
        "plan = övriga planer.",
        "Phase: pilot = a plan for one department, scale_up = a plan scaled up from a pilot, "
        "plan = other plans.",
        required=True,
        enum=PHASES,
    ),
    Field("phase_label_sv", "string", "Fasen i ord på svenska.", "The phase in Swedish words."),
    Field("plan_base_year", "year", "Planens basår.", "The plan's base year."),
    Field("plan_end_year", "year", "Planens sista år.", "The last year of the plan's pathway."),
    Field(
        "example_data",
        "boolean",
        "Sant när planens siffror är påhittade exempel, inte beslut.",
        "True when the plan's figures are invented examples, not decisions.",
    ),
    Field("measure_id", "integer", "Åtgärdens id.", "The measure's id.", required=True),
    Field("measure", "string", "Åtgärdens namn.", "The measure's name.", required=True),
    Field(
        "sector",
        "string",
        "Sektor (SMHI-sektor för en territoriell plan, inköpskategori för organisationen).",
        "Sector (SMHI sector in a territorial plan, purchase category for the organisation).",
    ),
    Field("category", "string", "Kategori inom sektorn.", "Category within the sector."),
    Field("department", "string", "Ansvarig förvaltning.", "The responsible department."),
    Field(
        "kind",
        "string",
        "Typ: investment = investering, policy = styrmedel, behaviour = beteende.",
        "Type: investment, policy or behaviour.",
        enum=tuple(k.value for k in Measure.Kind),
    ),
    Field(
        "status",
        "string",
        "Status: proposed = föreslagen, decided = beslutad, ongoing = pågår, done = genomförd.",
        "Status: proposed, decided, ongoing or done.",
        required=True,
        enum=tuple(s.value for s in Measure.Status if s != Measure.Status.CANCELLED),
    ),
    Field("status_label_sv", "string", "Status i ord på svenska.", "The status in Swedish words."),
    Field("start_year", "year", "Startår.", "Start year."),
    Field("lifetime_years", "integer", "Livslängd.", "Lifetime.", unit="år"),
    Field("capex_sek", "number", "Investeringskostnad.", "Capital cost.", unit="SEK"),
    Field(
        "opex_change_sek_per_year",
        "number",
        "Ändrad driftkostnad per år, besparingar negativa.",
        "Change in operating cost per year; savings are negative.",
        unit="SEK/år",
    ),
    Field(
        "reduction_t_per_year",
        "number",
        "Minskade utsläpp per år (centralt värde).",
        "Reduction of emissions per year (central estimate).",
        unit="t CO2e/år",
    ),
    Field(
        "abatement_cost_sek_per_t",
        "number",
        "Kostnad per minskat ton: (annuitetsfaktor × investering + ändrad driftkostnad) / "
        "minskning per år, med planens kalkylränta; tom när minskningen är noll.",
        "Cost per tonne abated: (capital recovery factor × capex + opex change) / yearly "
        "reduction, at the plan's discount rate; empty when the reduction is zero.",
        unit="SEK/t CO2e",
    ),
    Field(
        "funding_total_sek",
        "number",
        "Finansiering som förts in för åtgärden, alla lägen.",
        "The funding entered for the measure, every state.",
        unit="SEK",
    ),
    Field(
        "funding_external_sek",
        "number",
        "Den del av finansieringen som kommer utifrån (inte kommunens budget, klimatfond "
        "eller gröna lån).",
        "The part of the funding from outside (not the municipality's budget, climate fund "
        "or green loans).",
        unit="SEK",
    ),
    Field(
        "funding_sources",
        "string",
        "Finansieringskällorna, åtskilda med semikolon.",
        "The funding sources, separated by semicolons.",
    ),
    Field(
        "funding_planned_sek",
        "number",
        "Planerad finansiering.",
        "Funding planned.",
        unit="SEK",
    ),
    Field(
        "funding_applied_sek", "number", "Sökt finansiering.", "Funding applied for.", unit="SEK"
    ),
    Field(
        "funding_granted_sek", "number", "Beviljad finansiering.", "Funding granted.", unit="SEK"
    ),
    Field("funding_paid_sek", "number", "Utbetald finansiering.", "Funding paid out.", unit="SEK"),
)

DATASET = Dataset(
    key="investments",
    title_sv="Klimatinvesteringsplanens åtgärder",
    title_en="Climate investment measures",
    description_sv=(
        "Åtgärderna i kommunernas publicerade klimatinvesteringsplaner: en rad per åtgärd med "
        "kostnad, minskade utsläpp, kostnad per ton och finansiering per läge (planerad, sökt, "
        "beviljad, utbetald)."
    ),
    description_en=(
        "The measures of the municipalities' published climate investment plans: one row per "
        "measure with cost, emission reduction, cost per tonne and funding per state "
        "(planned, applied for, granted, paid)."
    ),
    fields=_FIELDS,
    rows=rows,
    primary_key=("municipality_code", "plan_id", "measure_id"),
    themes=("ENVI", "ECON", "GOVE"),
    frequency="IRREG",
    source_sv="Kommunens publicerade klimatinvesteringsplan.",
    source_en="The municipality's published climate investment plan.",
    year_field="start_year",
    keywords_sv=("klimatinvesteringsplan", "åtgärder", "kostnad per ton", "finansiering"),
    keywords_en=("climate investment plan", "measures", "abatement cost", "funding"),
)
