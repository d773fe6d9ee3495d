"""Emissions and carbon budgets: per municipality the territorial emissions of every year in
SMHI's current releases, and the municipality's published emission goals and adopted carbon
budget.

The inventory figures are the emissions page's (`emissions.selectors.territorial_totals` of the
current release of each gas: SMHI's total row as it is, no deductions). Goals and the adopted
budget are those the public reads (`emissions.selectors.goals`, `adopted_budget`: the latest
published adopted budget of a gas, the one the page counts), given as the municipality stated
them: a goal in tonnes, or as a share of a base year (then `value` is empty), never a figure
computed from them.

Licence CC BY 4.0: SMHI's national emissions database (Nationella emissionsdatabasen) is open
data to be reused with SMHI named as its source; the repository states no CC0 for it.
`defines_publisher` is False: SMHI's figures exist for every municipality, so they do not make
one a publisher; a municipality's goals and budget here are also in its own published work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser

from klimatkontrakt.calc.budgets import FixedParams
from klimatkontrakt.emissions import selectors
from klimatkontrakt.emissions.models import CarbonBudget, Goal, Release
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.organisations.models import Municipality

INVENTORY, BUDGET, GOAL = "inventory", "adopted_budget", "goal"
SMHI, MUNICIPALITY = "smhi", "municipality"

FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field(
        "record_id",
        "string",
        "Radens id inom kommunen: inventory-<gas>-<år> för SMHI:s siffror, "
        "adopted_budget-<nr> och goal-<nr> för kommunens budget och mål.",
        "The row's id within the municipality: inventory-<gas>-<year> for SMHI's figures, "
        "adopted_budget-<no> and goal-<no> for the municipality's budget and goals.",
        required=True,
    ),
    Field(
        "kind",
        "string",
        "Vad raden är: inventory = de territoriella utsläppen ett år enligt SMHI; "
        "adopted_budget = den koldioxidbudget kommunen har antagit (tonnes totalt från "
        "startåret); goal = ett utsläppsmål (nivå per år att nå målåret).",
        "What the row is: inventory = the territorial emissions of one year according to SMHI; "
        "adopted_budget = the carbon budget the municipality adopted (tonnes in total from its "
        "start year); goal = an emission goal (the yearly level to reach by the target year).",
        required=True,
        enum=(INVENTORY, BUDGET, GOAL),
    ),
    Field(
        "gas",
        "string",
        "GGT = växthusgaser totalt (CO2-ekvivalenter), CO2 = koldioxid.",
        "GGT = greenhouse gases in total (CO2 equivalents), CO2 = carbon dioxide.",
    ),
    Field(
        "scope",
        "string",
        "territorial = kommunens geografiska område; organisation = den kommunala "
        "organisationen (för mål som gäller den).",
        "territorial = the municipality's geographical area; organisation = the municipal "
        "organisation (for goals about it).",
        required=True,
        enum=tuple(Goal.Scope.values),
    ),
    Field(
        "year",
        "integer",
        "Året: utsläppsåret (inventory), budgetens startår (adopted_budget) eller målåret (goal).",
        "The year: the emission year (inventory), the budget's start year (adopted_budget) or "
        "the target year (goal).",
        required=True,
    ),
    Field(
        "value",
        "number",
        "Tonnes i enheten i kolumnen unit: årets utsläpp, budgeten totalt eller målets nivå "
        "per år; tomt för ett mål som anges som andel av ett basår.",
        "Tonnes in the unit of the unit column: the year's emissions, the budget in total or "
        "the goal's yearly level; empty for a goal stated as a share of a base year.",
    ),
    Field(
        "unit",
        "string",
        "Enheten: t CO2e (växthusgaser) eller t CO2 (koldioxid).",
        "The unit: t CO2e (greenhouse gases) or t CO2 (carbon dioxide).",
        required=True,
    ),
    Field(
        "share_of_base_pct",
        "number",
        "För ett mål som anges som andel av ett basår: andelen i procent av basårets utsläpp.",
        "For a goal stated as a share of a base year: the share of the base year's emissions.",
        unit="%",
    ),
    Field(
        "base_year",
        "integer",
        "Basåret för ett mål som anges som andel.",
        "The base year of a goal stated as a share.",
    ),
    Field(
        "name",
        "string",
        "Målets eller budgetens namn så som kommunen har publicerat det; tomt för SMHI:s siffror.",
        "The goal's or budget's name as the municipality published it; empty for SMHI's figures.",
    ),
    Field(
        "source",
        "string",
        "smhi = SMHI:s nationella emissionsdatabas; municipality = kommunens eget publicerade "
        "mål eller budget.",
        "smhi = SMHI's national emissions database; municipality = the municipality's own "
        "published goal or budget.",
        required=True,
        enum=(SMHI, MUNICIPALITY),
    ),
    Field(
        "smhi_release",
        "string",
        "SMHI-utgåvan som siffran kommer från (rapport, fil och kontrollsumma).",
        "The SMHI release the figure comes from (report, file and checksum).",
    ),
)


def _unit(gas: str) -> str:
    return "t CO2e" if gas.upper() == "GGT" else f"t {gas.upper() or 'CO2'}"


def _base(m: Municipality) -> dict[str, Any]:
    return {"municipality_code": m.code, "municipality_name": m.name}


def _inventory_rows(m: Municipality, release: Release) -> Iterator[dict[str, Any]]:
    for year, value in sorted(selectors.territorial_totals(release, m).items()):
        yield {
            **_base(m),
            "record_id": f"{INVENTORY}-{release.gas}-{year}",
            "kind": INVENTORY,
            "gas": release.gas,
            "scope": Goal.Scope.TERRITORIAL.value,
            "year": year,
            "value": value,
            "unit": selectors.unit_of(release),
            "share_of_base_pct": None,
            "base_year": None,
            "name": "",
            "source": SMHI,
            "smhi_release": release.label,
        }


def _budget_row(m: Municipality, budget: CarbonBudget) -> dict[str, Any]:
    params = FixedParams(**budget.parameters)
    return {
        **_base(m),
        "record_id": f"{BUDGET}-{budget.pk}",
        "kind": BUDGET,
        "gas": budget.gas,
        "scope": Goal.Scope.TERRITORIAL.value,
        "year": params.start_year,
        "value": float(params.budget_t),
        "unit": _unit(budget.gas),
        "share_of_base_pct": None,
        "base_year": None,
        "name": budget.name,
        "source": MUNICIPALITY,
        "smhi_release": "",
    }


def _goal_row(m: Municipality, goal: Goal) -> dict[str, Any]:
    return {
        **_base(m),
        "record_id": f"{GOAL}-{goal.pk}",
        "kind": GOAL,
        "gas": goal.gas,
        "scope": goal.scope,
        "year": goal.target_year,
        "value": goal.level_t,
        "unit": _unit(goal.gas),
        "share_of_base_pct": goal.share_pct,
        "base_year": goal.base_year if goal.share_of_base is not None else None,
        "name": goal.name,
        "source": MUNICIPALITY,
        "smhi_release": "",
    }


def _current_releases() -> list[Release]:
    """The current release of each gas, greenhouse gases first (the headline gas)."""
    order = {gas: i for i, gas in enumerate(selectors.HEADLINE_GASES)}
    found = selectors.releases().filter(is_current=True)
    return sorted(found, key=lambda r: (order.get(r.gas, len(order)), r.gas))


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    public = AnonymousUser()
    releases = _current_releases()
    gases = sorted({r.gas for r in releases} | {"GGT", "CO2"})
    found = [municipality] if municipality else Municipality.objects.order_by("code")
    for m in found:
        for release in releases:
            yield from _inventory_rows(m, release)
        for gas in gases:
            budget = selectors.adopted_budget(public, m, gas)
            if budget is not None:
                yield _budget_row(m, budget)
        for goal in selectors.goals(public, m).order_by("target_year", "pk"):
            yield _goal_row(m, goal)


DATASET = Dataset(
    key="emissions",
    title_sv="Utsläpp och koldioxidbudgetar",
    title_en="Emissions and carbon budgets",
    description_sv=(
        "Kommunernas territoriella utsläpp per år enligt SMHI:s nationella emissionsdatabas "
        "(växthusgaser totalt och koldioxid, utan justeringar), och kommunernas publicerade "
        "utsläppsmål och antagna koldioxidbudgetar. En rad är antingen ett års utsläpp för en "
        "kommun och gas, en antagen budget eller ett mål (kolumnen kind)."
    ),
    description_en=(
        "The municipalities' territorial emissions per year according to SMHI's national "
        "emissions database (greenhouse gases in total and carbon dioxide, unadjusted), and the "
        "municipalities' published emission goals and adopted carbon budgets. One row is either "
        "one year's emissions of one municipality and gas, an adopted budget or a goal (column "
        "kind)."
    ),
    fields=FIELDS,
    rows=rows,
    primary_key=("municipality_code", "record_id"),
    themes=("ENVI",),
    frequency="ANNUAL",
    source_sv=(
        "Utsläppen: SMHI, Nationella emissionsdatabasen (nationellaemissionsdatabasen.smhi.se), "
        "den aktuella utgåvan per gas (namngiven på varje rad). Mål och budgetar: kommunernas "
        "egna publicerade beslut."
    ),
    source_en=(
        "Emissions: SMHI, the national emissions database (nationellaemissionsdatabasen.smhi.se), "
        "the current release of each gas (named on each row). Goals and budgets: the "
        "municipalities' own published decisions."
    ),
    year_field="year",
    defines_publisher=False,
    keywords_sv=("utsläpp", "växthusgaser", "koldioxidbudget", "klimatmål", "SMHI"),
    keywords_en=("emissions", "greenhouse gases", "carbon budget", "climate goals", "SMHI"),
)
