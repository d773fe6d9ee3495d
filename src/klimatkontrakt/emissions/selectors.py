"""Reads for emissions. Every figure on the page, in the API and from the CLI comes from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet

from klimatkontrakt.calc.budgets import (
    END_YEAR,
    METHODS,
    BudgetBatch,
    BudgetResult,
    EmissionSeries,
    compute,
)
from klimatkontrakt.calc.goals import Goal as GoalSpec
from klimatkontrakt.calc.goals import GoalGap, goal_gap
from klimatkontrakt.emissions.models import CarbonBudget, EmissionValue, Goal, Release, SectorKey
from klimatkontrakt.organisations import selectors as organisations
from klimatkontrakt.organisations.access import published_or_shared
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources import process_emissions
from klimatkontrakt.sources.sectors import ALL, SECTORS

DEFAULT_METHOD = "cemus-2023"
ADOPTED_METHOD = "fixed"  # the method of a budget the municipality adopted itself
TREND_FROM = 2015  # the business-as-usual trend's first year (goal gaps, SMHI indicators)
HEADLINE_GASES = ("GGT", "CO2")  # greenhouse gases when held, else CO2
SIMILAR_COUNT = 5


class NoRelease(LookupError):
    """No SMHI release of the asked gas has been imported."""


def releases() -> QuerySet[Release]:
    return Release.objects.all()


def current_release(gas: str = "CO2") -> Release:
    release = Release.objects.filter(gas=gas.upper(), is_current=True).first()
    if release is None:
        raise NoRelease(f"no {gas.upper()} release imported (klimatkontrakt import-smhi FILE)")
    return release


def available_gases() -> list[str]:
    return list(Release.objects.filter(is_current=True).values_list("gas", flat=True))


def headline_gas() -> str | None:
    """The gas a municipality's headline figures use: greenhouse gases (GGT) when a release of
    them is held, else CO2; None when neither is."""
    held = available_gases()
    return next((g for g in HEADLINE_GASES if g in held), None)


def gas_of_unit(unit: str) -> str:
    """The SMHI gas an emission figure in this unit is counted in (t CO2e: all greenhouse
    gases)."""
    return "GGT" if "co2e" in unit.lower().replace(" ", "") else "CO2"


def source_of(release: Release) -> dict[str, Any]:
    return {
        "file_sha256": release.sha256,
        "file_name": release.file_name,
        "release": release.release_date.isoformat(),
        "report_name": release.report_name,
        "gas": release.gas,
        "publisher": "SMHI Nationella emissionsdatabasen",
        "url": release.source_url or None,
    }


def unit_of(release: Release) -> str:
    """SMHI writes "ton/år" on CO2 sheets; say which tonnes."""
    return f"t {release.gas}" if release.unit == "t" else release.unit


def _sector_id(sector: str, subsector: str = ALL) -> int | None:
    key = SectorKey.objects.filter(sector=sector, subsector=subsector).first()
    return key.pk if key else None


def municipality_series(
    release: Release, sector: str = ALL, subsector: str = ALL
) -> EmissionSeries:
    """Every municipality's series (rows in SCB code order) with the cement deductions."""
    years = tuple(release.years)
    sid = _sector_id(sector, subsector)
    values = EmissionValue.objects.filter(
        release=release, sector_id=sid, municipality__isnull=False
    ).values_list("municipality__code", "year", "value")
    cells: dict[str, dict[int, float]] = {}
    for code, year, value in values:
        cells.setdefault(code, {})[year] = value
    codes = tuple(sorted(cells))
    matrix = np.array([[cells[c].get(y, np.nan) for y in years] for c in codes], dtype=float)
    matrix = matrix.reshape(len(codes), len(years))
    deductions = process_emissions.deduction_matrix(
        process_emissions.cement_process_emissions(), codes, years
    )
    return EmissionSeries(codes, years, matrix, unit_of(release), deductions)


def budgets(
    release: Release, method: str = DEFAULT_METHOD, current_year: int | None = None, **params: Any
) -> BudgetBatch:
    """One vectorised pass over all municipalities of the release."""
    year = current_year or date.today().year
    if not 2000 <= year < END_YEAR:  # a path to END_YEAR needs two years at least
        raise ValueError(f"the current year must be between 2000 and {END_YEAR - 1}, not {year}")
    return compute(method, municipality_series(release), year, **params)


def budget_json(result: BudgetResult, release: Release, name: str = "") -> dict[str, Any]:
    """The budget as the CLI and the API print it."""
    return {
        "municipality": result.municipality,
        "municipality_name": name,
        "method": result.method,
        "unit": result.unit,
        "budget_t": result.budget_t,
        "budget_start_year": result.budget_start_year,
        "required_reduction_pct": result.required_reduction_pct,
        "budget_runs_out": result.budget_runs_out.isoformat() if result.budget_runs_out else None,
        "net_zero_date": result.net_zero_date.isoformat() if result.net_zero_date else None,
        "historical_change_pct": result.historical_change_pct,
        "trend": {
            "slope": result.trend_slope,
            "intercept": result.trend_intercept,
            "from_year": result.trend_from_year,
            "to_year": result.trend_to_year,
        },
        "paris_path": {str(y): v for y, v in result.paris_path.items()},
        "trend_path": {str(y): v for y, v in result.trend_path.items()},
        "trend_total_t": result.trend_total_t,
        "meets_goal": result.meets_goal,
        "parameters": result.parameters,
        "source": source_of(release),
    }


def stored_budget_params(
    user: Any, municipality: Municipality, method: str, gas: str | None = None
) -> dict[str, Any]:
    """Parameters of the municipality's latest visible budget for this method (and gas), if any."""
    budgets_ = CarbonBudget.objects.filter(method=method)
    if gas:
        budgets_ = budgets_.filter(gas=gas)
    found = visible(user, municipality, budgets_).order_by("-created_at", "-pk").first()
    return dict(found.parameters) if found else {}


def municipality_budget(
    municipality: Municipality,
    *,
    method: str = DEFAULT_METHOD,
    gas: str = "CO2",
    current_year: int | None = None,
    user: Any = None,
    **params: Any,
) -> dict[str, Any]:
    release = current_release(gas)
    if not params:
        params = stored_budget_params(user, municipality, method, gas)
    batch = budgets(release, method, current_year, **params)
    figures = budget_json(batch.result(batch.index(municipality.code)), release, municipality.name)
    figures["state"] = budget_state(figures)
    return figures


BUDGET_REMAINS, BUDGET_RAN_OUT, BUDGET_SPENT = "remains", "ran_out", "spent"


def budget_state(figures: dict[str, Any], today: date | None = None) -> str:
    """Where a budget stands, so that no page shows a spent budget bare: "spent" when the
    remaining budget is zero or negative (emissions since its start year exceed it),
    "ran_out" when the date it runs out on the trend has passed, else "remains"."""
    if figures["budget_t"] <= 0:
        return BUDGET_SPENT
    runs_out = figures["budget_runs_out"]
    if runs_out and date.fromisoformat(runs_out) < (today or date.today()):
        return BUDGET_RAN_OUT
    return BUDGET_REMAINS


def budgets_by_method(
    municipality: Municipality, *, gas: str, current_year: int | None = None, user: Any = None
) -> list[tuple[str, dict[str, Any] | None, str]]:
    """Every method's budget for the municipality side by side: (method, figures, error);
    figures None and the reason in error when a method cannot be computed (e.g. "fixed"
    without an adopted budget)."""
    out: list[tuple[str, dict[str, Any] | None, str]] = []
    for method in METHODS:
        try:
            figures = municipality_budget(
                municipality, method=method, gas=gas, current_year=current_year, user=user
            )
        except ValueError as exc:
            out.append((method, None, str(exc)))
        else:
            out.append((method, figures, ""))
    return out


def all_budgets(
    *,
    method: str = DEFAULT_METHOD,
    gas: str = "CO2",
    current_year: int | None = None,
    **params: Any,
) -> list[dict[str, Any]]:
    release = current_release(gas)
    batch = budgets(release, method, current_year, **params)
    names = organisations.municipality_names()
    return [budget_json(r, release, names.get(r.municipality, "")) for r in batch.results()]


def visible(user: Any, municipality: Municipality, qs: QuerySet[Any]) -> QuerySet[Any]:
    qs = qs.filter(municipality=municipality)
    return qs.filter(published_or_shared(user, municipality))


def goals(user: Any, municipality: Municipality) -> QuerySet[Goal]:
    return visible(user, municipality, Goal.objects.all())


# ---- areas: a municipality by sector, its county, Sweden, similar municipalities ----------


@dataclass(frozen=True)
class SectorHistory:
    years: tuple[int, ...]
    sectors: tuple[str, ...]
    values: np.ndarray  # (sectors, years)
    total: np.ndarray  # the "Alla" row as SMHI publishes it


def sector_history(release: Release, municipality: Municipality) -> SectorHistory:
    years = tuple(release.years)
    rows = EmissionValue.objects.filter(
        release=release, municipality=municipality, sector__subsector=ALL
    ).values_list("sector__sector", "year", "value")
    cells: dict[str, dict[int, float]] = {}
    for sector, year, value in rows:
        cells.setdefault(sector, {})[year] = value
    order = [s for s in SECTORS if s in cells] + sorted(set(cells) - set(SECTORS) - {ALL})

    def line(name: str) -> list[float]:
        return [cells.get(name, {}).get(y, np.nan) for y in years]

    values = np.array([line(s) for s in order], dtype=float).reshape(len(order), len(years))
    total = np.array(line(ALL), dtype=float)
    if np.isnan(total).all() and len(order):
        total = values.sum(axis=0)
    return SectorHistory(years, tuple(order), values, total)


def territorial_totals(release: Release, municipality: Municipality) -> dict[int, float]:
    """The municipality's recorded total per year (SMHI's "Alla" row, see `sector_history`),
    finite years only. The emissions page, the summary, the report and an SMHI indicator all
    take a year's territorial emissions from here."""
    history = sector_history(release, municipality)
    return {
        y: float(v) for y, v in zip(history.years, history.total, strict=True) if np.isfinite(v)
    }


@dataclass(frozen=True)
class InventoryFigures:
    """A municipality's yearly territorial totals from the current release of a gas."""

    release: Release
    totals: dict[int, float]


def inventory_figures(municipality: Municipality, gas: str) -> InventoryFigures | None:
    """The totals of the current release of `gas`; None when it has not been imported."""
    try:
        release = current_release(gas)
    except NoRelease:
        return None
    return InventoryFigures(release, territorial_totals(release, municipality))


def adopted_budget(user: Any, municipality: Municipality, gas: str) -> CarbonBudget | None:
    """The municipality's latest visible adopted budget (method "fixed") for the gas, if any."""
    found = CarbonBudget.objects.filter(method=ADOPTED_METHOD, gas=gas)
    return visible(user, municipality, found).order_by("-created_at", "-pk").first()


def area_total(release: Release, *, county_id: int | None = None) -> np.ndarray:
    """The total of a county (county_id) or of Sweden (None). A release without the area's own
    row (the GGT demo) falls back to the sum of its municipalities."""
    years = list(release.years)
    base = EmissionValue.objects.filter(release=release, sector__sector=ALL, sector__subsector=ALL)
    own = base.filter(municipality__isnull=True)
    own = own.filter(county_id=county_id) if county_id else own.filter(county__isnull=True)
    found = dict(own.values_list("year", "value"))
    if not found:
        munis = base.filter(municipality__isnull=False)
        if county_id:
            munis = munis.filter(municipality__county_id=county_id)
        found = {}
        for year, value in munis.values_list("year", "value"):
            found[year] = found.get(year, 0.0) + value
    return np.array([found.get(y, np.nan) for y in years], dtype=float)


def similar_municipalities(
    release: Release, municipality: Municipality, count: int = SIMILAR_COUNT
) -> list[Municipality]:
    """The municipalities whose total in the last year is closest to this one's (on a log
    scale): a size-alike comparison group, stated as such on the page."""
    series = municipality_series(release)
    last = series.values[:, -1]
    i = series.keys.index(municipality.code)
    with np.errstate(divide="ignore"):
        distance = np.abs(np.log(np.maximum(last, 1.0)) - np.log(max(last[i], 1.0)))
    distance[i] = np.inf
    nearest = [series.keys[j] for j in np.argsort(distance, kind="stable")[:count]]
    by_code = organisations.municipalities_by_code(nearest)
    return [by_code[c] for c in nearest if c in by_code]


def goal_gap_for(release: Release, municipality: Municipality, goal: Goal) -> GoalGap:
    history = sector_history(release, municipality)
    spec = GoalSpec(goal.target_year, goal.level_t, goal.share_of_base, goal.base_year, goal.scope)
    return goal_gap(spec, history.years, history.values, history.sectors, trend_from=TREND_FROM)


def first_goal(user: Any, municipality: Municipality, gas: str) -> Goal | None:
    found = goals(user, municipality).filter(Q(gas=gas) | Q(gas=""))
    return found.order_by("target_year").first()
