"""The national comparison's indicators from the published figures: pure arithmetic, one
function per indicator, each returning the value or None (the caller says why)."""

from __future__ import annotations

from collections.abc import Mapping

from klimatkontrakt.calc.indicators import fit_trend

EV_SHARE_FROM, EV_SHARE_TO = 2015, 2025


def share_pct(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`; None when there is no whole (no cars registered)."""
    return 100.0 * part / whole if whole > 0 else None


def ev_share_change(
    shares_pct: Mapping[int, float], from_year: int = EV_SHARE_FROM, to_year: int = EV_SHARE_TO
) -> float | None:
    """Least-squares slope (percentage points a year) of the rechargeable share of new cars over
    the years from_year..to_year that have a share; None with fewer than two such years."""
    window = {y: v for y, v in shares_pct.items() if from_year <= y <= to_year}
    trend = fit_trend(window)
    return trend.slope if trend is not None else None


def per_unit(amount: float, units: float) -> float | None:
    """`amount` per unit (vehicles per charging point, metres per resident); None for none."""
    return amount / units if units > 0 else None


def procurement_score(link_found: bool, survey_says_set: bool | None) -> int:
    """2: a published climate requirement was found; 1: the national survey says the
    municipality sets climate requirements; 0: neither (or not in the survey)."""
    if link_found:
        return 2
    return 1 if survey_says_set else 0
