"""An agency's (or the programme's) page of what it funds: the cities' investment-plan measures
whose funding names it (a funding source with the agency as funder) and the cities' actions that
name it, across every city, as far as the reader may see them.

Visibility is the cities' own: each city's plans are read through `investments.selectors.
visible_plans` and `plans.selectors.visible_plans`, so the page shows what those pages show the
same reader (published plans for the public, a city's drafts to its own members)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.investments import selectors as investment_selectors
from klimatkontrakt.investments.models import Funding, InvestmentPlan, Measure
from klimatkontrakt.organisations.models import Municipality, Organisation
from klimatkontrakt.plans import selectors as plan_selectors
from klimatkontrakt.plans.models import Action, ActionPlan

STATES = [s.value for s in Funding.State]


@dataclass(frozen=True)
class FundingLine:
    year: int
    state: str
    state_label: str
    source: str
    amount_sek: Decimal


@dataclass
class FundedMeasure:
    measure: Measure
    plan: InvestmentPlan
    municipality: Municipality
    lines: list[FundingLine]

    @property
    def total_sek(self) -> Decimal:
        return sum((line.amount_sek for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class FundedAction:
    action: Action
    plan: ActionPlan
    municipality: Municipality
    status_label: str


@dataclass
class AgencyFunding:
    """What the reader may see of the measures and actions naming `organisation`."""

    organisation: Organisation
    measures: list[FundedMeasure] = field(default_factory=list)
    actions: list[FundedAction] = field(default_factory=list)
    # Every city with a measure or action the reader sees (before the city filter): the filter's
    # choices.
    cities: list[Municipality] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({line.year for m in self.measures for line in m.lines})

    def totals(self) -> list[dict[str, Any]]:
        """The funding of the shown measures by year (rows) and state (columns), with totals."""
        cells: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        for m in self.measures:
            for line in m.lines:
                cells[(line.year, line.state)] += line.amount_sek
        return [
            {
                "year": year,
                "states": [cells.get((year, s), Decimal(0)) for s in STATES],
                "total": sum((cells.get((year, s), Decimal(0)) for s in STATES), Decimal(0)),
            }
            for year in self.years
        ]

    def state_totals(self) -> list[Decimal]:
        by_state: dict[str, Decimal] = defaultdict(Decimal)
        for m in self.measures:
            for line in m.lines:
                by_state[line.state] += line.amount_sek
        return [by_state.get(s, Decimal(0)) for s in STATES]

    @property
    def total_sek(self) -> Decimal:
        return sum((m.total_sek for m in self.measures), Decimal(0))


def _visible_by_city(
    candidates: dict[int, set[int]],
    visible: Any,
    municipalities: dict[int, Municipality],
    user: Any,
) -> set[int]:
    """The candidate plan ids (by municipality id) that the city's own selector shows `user`."""
    out: set[int] = set()
    for muni_id, plan_ids in candidates.items():
        out |= set(
            visible(user, municipalities[muni_id])
            .filter(pk__in=plan_ids)
            .values_list("pk", flat=True)
        )
    return out


def agency_funding(user: Any, organisation: Organisation, city: str = "") -> AgencyFunding:
    """The measures funded by `organisation` (through funding sources naming it) and the actions
    naming it, in every city, as far as `user` may see them; `city` (an SCB code) keeps one
    city's."""
    fundings = list(
        Funding.objects.filter(source__funder=organisation)
        .select_related("source", "measure__plan__municipality")
        .order_by("year", "state", "source__name")
    )
    actions = list(
        Action.objects.filter(funders=organisation).select_related("plan__municipality", "status")
    )
    municipalities: dict[int, Municipality] = {}
    investment_candidates: dict[int, set[int]] = defaultdict(set)
    for f in fundings:
        muni = f.measure.plan.municipality
        municipalities[muni.pk] = muni
        investment_candidates[muni.pk].add(f.measure.plan_id)
    action_candidates: dict[int, set[int]] = defaultdict(set)
    for a in actions:
        municipalities[a.plan.municipality_id] = a.plan.municipality
        action_candidates[a.plan.municipality_id].add(a.plan_id)
    seen_investment_plans = _visible_by_city(
        investment_candidates, investment_selectors.visible_plans, municipalities, user
    )
    seen_action_plans = _visible_by_city(
        action_candidates, plan_selectors.visible_plans, municipalities, user
    )

    result = AgencyFunding(organisation=organisation)
    by_measure: dict[int, FundedMeasure] = {}
    for f in fundings:
        if f.measure.plan_id not in seen_investment_plans:
            continue
        plan = f.measure.plan
        entry = by_measure.setdefault(
            f.measure_id, FundedMeasure(f.measure, plan, plan.municipality, [])
        )
        entry.lines.append(
            FundingLine(f.year, f.state, str(f.get_state_display()), f.source.name, f.amount_sek)
        )
    language = get_language()
    funded_actions = [
        FundedAction(a, a.plan, a.plan.municipality, a.status.label(language))
        for a in actions
        if a.plan_id in seen_action_plans
    ]
    seen_cities = {m.municipality.pk for m in by_measure.values()} | {
        a.municipality.pk for a in funded_actions
    }
    result.cities = sorted(
        (municipalities[pk] for pk in seen_cities), key=lambda m: (m.name, m.code)
    )
    measures = sorted(
        by_measure.values(), key=lambda m: (m.municipality.name, m.plan.name, m.measure.name)
    )
    funded_actions.sort(
        key=lambda a: (a.municipality.name, a.plan.title, a.action.identifier, a.action.pk)
    )
    if city:
        measures = [m for m in measures if m.municipality.code == city]
        funded_actions = [a for a in funded_actions if a.municipality.code == city]
    result.measures = measures
    result.actions = funded_actions
    return result


def measures_table(funding: AgencyFunding) -> Table:
    """One row per funding of a shown measure (year, state, source), for the download."""
    rows = [
        {
            "municipality": m.municipality.code,
            "name": m.municipality.name,
            "plan": m.plan.name,
            "measure": m.measure.name,
            "measure_status": str(m.measure.get_status_display()),
            "source": line.source,
            "year": line.year,
            "state": line.state_label,
            "amount_sek": line.amount_sek,
        }
        for m in funding.measures
        for line in m.lines
    ]
    return Table(
        key=f"{funding.organisation.slug}-measures",
        title=_("Measures funded by %(o)s") % {"o": funding.organisation.name},
        columns=[
            ("municipality", _("Municipality code")),
            ("name", _("Municipality")),
            ("plan", _("Investment plan")),
            ("measure", _("Measure")),
            ("measure_status", _("Status of the measure")),
            ("source", _("Funding source")),
            ("year", _("Year")),
            ("state", _("State")),
            ("amount_sek", _("Amount (SEK)")),
        ],
        rows=rows,
        source=_("The cities' investment plans; funding sources that name %(o)s as funder.")
        % {"o": funding.organisation.name},
    )


def actions_table(funding: AgencyFunding) -> Table:
    rows = [
        {
            "municipality": a.municipality.code,
            "name": a.municipality.name,
            "plan": a.plan.title,
            "identifier": a.action.identifier,
            "action": a.action.title,
            "status": a.status_label,
            "progress": a.action.progress,
        }
        for a in funding.actions
    ]
    return Table(
        key=f"{funding.organisation.slug}-actions",
        title=_("Actions naming %(o)s") % {"o": funding.organisation.name},
        columns=[
            ("municipality", _("Municipality code")),
            ("name", _("Municipality")),
            ("plan", _("Action plan")),
            ("identifier", _("Identifier")),
            ("action", _("Action")),
            ("status", _("Status")),
            ("progress", _("Progress (%)")),
        ],
        rows=rows,
        source=_("The cities' action plans; actions funded by or part of a programme of %(o)s.")
        % {"o": funding.organisation.name},
    )


TABLES = {"measures": measures_table, "actions": actions_table}
