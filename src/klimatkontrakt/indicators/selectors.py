"""Reads for indicators. Page, API and report take indicator figures from `summarise`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from klimatkontrakt.calc.indicators import Assessment, assess
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.indicators.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from klimatkontrakt.organisations.access import published_or_included
from klimatkontrakt.organisations.models import Municipality


def visible_indicators(user: Any, municipality: Municipality) -> QuerySet[Indicator]:
    """The municipality's indicators this user may read, with values and targets prefetched."""
    qs = Indicator.objects.filter(municipality=municipality).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("year", "gender")),
        Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
    )
    return qs.filter(published_or_included(user, municipality)).order_by("name")


def indicators_of(municipality: Municipality) -> QuerySet[Indicator]:
    """Every indicator of the municipality, published or not."""
    return Indicator.objects.filter(municipality=municipality)


def indicator_named(municipality: Municipality, name: str) -> Indicator | None:
    return indicators_of(municipality).filter(name=name).first()


def indicator_for(user: Any, municipality: Municipality, pk: int) -> Indicator:
    try:
        return visible_indicators(user, municipality).get(pk=pk)
    except Indicator.DoesNotExist as exc:
        raise Http404(f"No indicator {pk} for {municipality.code}") from exc


@dataclass(frozen=True)
class YearRow:
    """One year of an indicator: its total value, target, trend and the value's provenance."""

    year: int
    value: float | None
    women: float | None
    men: float | None
    target: float | None
    trend: float | None
    provenance: str
    fetched_at: Any


@dataclass(frozen=True)
class IndicatorSummary:
    indicator: Indicator
    assessment: Assessment
    rows: list[YearRow]
    latest_year: int | None
    latest_value: float | None
    has_gender: bool
    decimals: int  # for display: fewer for large magnitudes


def display_decimals(numbers: list[float]) -> int:
    """Decimals to show: 0 from 1 000 up, 1 from 10 up, else 2."""
    largest = max((abs(n) for n in numbers), default=0.0)
    return 0 if largest >= 1000 else 1 if largest >= 10 else 2


def _inventory_values(indicator: Indicator) -> dict[int, IndicatorValue] | None:
    """An SMHI indicator's values read from the emission inventory the emissions page shows
    (never a typed copy, which drifted from it); None when that release is not imported."""
    found = emissions.inventory_figures(
        indicator.municipality, emissions.gas_of_unit(indicator.unit)
    )
    if found is None:
        return None
    return {
        year: IndicatorValue(
            indicator=indicator,
            year=year,
            value=value,
            provenance=found.release.label,
            fetched_at=found.release.imported_at,
        )
        for year, value in found.totals.items()
    }


def summarise(indicator: Indicator) -> IndicatorSummary:
    """Values (total and by gender), targets, trend line and status for one indicator.

    An SMHI indicator takes its values from the emission inventory and its trend from the
    emissions page's window (`TREND_FROM`), so its expected value is that page's trend."""
    by_gender: dict[str, dict[int, IndicatorValue]] = {"T": {}, "K": {}, "M": {}}
    for v in indicator.values.all():
        by_gender.setdefault(v.gender, {})[v.year] = v
    trend_from = None
    if indicator.source_kind == Indicator.SourceKind.SMHI:
        inventory = _inventory_values(indicator)
        if inventory is not None:
            by_gender = {"T": inventory, "K": {}, "M": {}}
            trend_from = emissions.TREND_FROM
    totals = {year: v.value for year, v in by_gender["T"].items()}
    targets = {t.year: t.value for t in indicator.targets.all()}
    assessment = assess(totals, targets, indicator.direction, trend_from=trend_from)
    trend = assessment.trend
    years = set(totals) | set(targets) | set(by_gender["K"]) | set(by_gender["M"])
    if trend is not None and assessment.target_year is not None:
        years |= {trend.first_year, assessment.target_year}
    last_trend_year = max(
        [trend.last_year, assessment.target_year or trend.last_year] if trend else [0]
    )
    rows = []
    for year in sorted(years):
        total = by_gender["T"].get(year)
        on_trend = trend is not None and trend.first_year <= year <= last_trend_year
        rows.append(
            YearRow(
                year=year,
                value=total.value if total else None,
                women=by_gender["K"][year].value if year in by_gender["K"] else None,
                men=by_gender["M"][year].value if year in by_gender["M"] else None,
                target=targets.get(year),
                trend=trend.at(year) if on_trend and trend is not None else None,
                provenance=total.provenance if total else "",
                fetched_at=total.fetched_at if total else None,
            )
        )
    latest_year = max(totals) if totals else None
    return IndicatorSummary(
        indicator=indicator,
        assessment=assessment,
        rows=rows,
        latest_year=latest_year,
        latest_value=totals[latest_year] if latest_year is not None else None,
        has_gender=bool(by_gender["K"] or by_gender["M"]),
        decimals=display_decimals([*totals.values(), *targets.values()]),
    )
