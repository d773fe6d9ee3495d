"""Footprint arithmetic: factor conversion, ranges, overlap, fossil share, trend.

Numbers in, numbers out; tonnes are t CO2e as float, money is SEK as float.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Spread of a factor when it gives no low/high of its own, by the quality it is marked with.
# A project convention (not from a cited source): documented in docs/footprint.md.
QUALITY_SPREAD = {"high": 0.15, "medium": 0.30, "low": 0.50, "": 0.30}
_UNIT_TO_BASE = {
    "kWh": ("kWh", 1.0),
    "MWh": ("kWh", 1e3),
    "GWh": ("kWh", 1e6),
    "kg": ("kg", 1.0),
    "t": ("kg", 1e3),
    "l": ("l", 1.0),
    "m3": ("l", 1e3),
    "Nm3": ("Nm3", 1.0),
    "km": ("km", 1.0),
    "pkm": ("pkm", 1.0),
}


class ConversionError(ValueError):
    pass


def _nearest(table: Mapping[int, float], year: int) -> tuple[int, float]:
    if not table:
        raise ConversionError("tabellen är tom")
    if year in table:
        return year, table[year]
    nearest = min(table, key=lambda y: (abs(y - year), -y))
    return nearest, table[nearest]


@dataclass(frozen=True)
class FactorConversion:
    """kg CO2e per SEK of ``spend_year`` for a spend factor, and the table rows it used."""

    kg_per_sek: float
    multiplier: float
    fx_year: int | None
    index_years: tuple[int, int]

    def note(self) -> str:
        fx = f"växelkurs {self.fx_year}, " if self.fx_year is not None else ""
        return f"{fx}prisindex {self.index_years[0]}→{self.index_years[1]}"


def factor_per_sek(
    value: float,
    currency: str,
    factor_year: int,
    spend_year: int,
    price_index: Mapping[int, float],
    sek_per: Mapping[tuple[str, int], float],
) -> FactorConversion:
    """Bring a kg/currency-of-year-F factor to kg per SEK of the spend year.

    SEK of the spend year are deflated to the factor year with the price index, then turned
    into the factor's currency at that year's rate; years missing from a table use the
    nearest year there is (shown in the note).
    """
    fy, index_factor = _nearest(price_index, factor_year)
    sy, index_spend = _nearest(price_index, spend_year)
    multiplier = index_factor / index_spend
    fx_year = None
    if currency != "SEK":
        rates = {y: r for (c, y), r in sek_per.items() if c == currency}
        if not rates:
            raise ConversionError(f"ingen växelkurs för {currency}")
        fx_year, rate = _nearest(rates, factor_year)
        multiplier /= rate
    return FactorConversion(value * multiplier, multiplier, fx_year, (fy, sy))


def to_sek(
    amount: float, currency: str, year: int, sek_per: Mapping[tuple[str, int], float]
) -> float:
    if currency == "SEK":
        return amount
    rates = {y: r for (c, y), r in sek_per.items() if c == currency}
    if not rates:
        raise ConversionError(f"ingen växelkurs för {currency}")
    return amount * _nearest(rates, year)[1]


def convert_quantity(quantity: float, unit: str, to_unit: str) -> float:
    """1 MWh -> 1000 kWh, 2 m3 -> 2000 l; raises when the units measure different things."""
    if unit == to_unit:
        return quantity
    base_from, scale_from = _UNIT_TO_BASE.get(unit, (unit, 1.0))
    base_to, scale_to = _UNIT_TO_BASE.get(to_unit, (to_unit, 1.0))
    if base_from != base_to:
        raise ConversionError(f"kan inte räkna om {unit} till {to_unit}")
    return quantity * scale_from / scale_to


def factor_range(
    central: float, low: float | None = None, high: float | None = None, quality: str = ""
) -> tuple[float, float, float]:
    """(low, central, high) factor: the factor's own bounds, else a spread by its quality."""
    spread = QUALITY_SPREAD.get(quality, QUALITY_SPREAD[""])
    lo = low if low is not None else central * (1 - spread)
    hi = high if high is not None else central * (1 + spread)
    return min(lo, central), central, max(hi, central)


@dataclass(frozen=True)
class OverlapResult:
    spend_based_t: float
    replaced_t: float
    activity_t: float

    @property
    def total_t(self) -> float:
        """Spend-based estimate without the replaced lines, plus the measured activity."""
        return self.spend_based_t - self.replaced_t + self.activity_t


def remove_overlap(spend_based_t: float, replaced_t: float, activity_t: float) -> OverlapResult:
    if abs(replaced_t) > abs(spend_based_t) + 1e-9:
        raise ValueError("ersatta utsläpp kan inte vara större än de spendbaserade")
    return OverlapResult(spend_based_t, replaced_t, activity_t)


def fossil_share(energy: Iterable[tuple[float, float]]) -> float | None:
    """Fossil share of energy use from (kWh, fossil fraction) pairs; None without data."""
    total = fossil = 0.0
    for kwh, share in energy:
        total += kwh
        fossil += kwh * share
    return fossil / total if total > 0 else None


def bau_trend(by_year: Mapping[int, float], until: int = 2030) -> dict[int, float]:
    """Business-as-usual: the least-squares trend of the years given, continued to ``until``
    and floored at zero (calc.trends, the same method as the territorial BAU); needs 2 years."""
    if len(by_year) < 2:
        return {}
    # Loaded here: the one-shot footprint command of a single year's ledger never needs them.
    import numpy as np

    from klimatkontrakt.calc import trends

    years = sorted(by_year)
    baseline = trends.bau_forecast(
        years, np.array([[by_year[y] for y in years]]), from_year=years[0], until=until
    )
    return {y: float(baseline.at(y)[0]) for y in baseline.years}


def year_on_year(by_year: Mapping[int, float]) -> dict[int, dict[str, float | None]]:
    out: dict[int, dict[str, float | None]] = {}
    previous: float | None = None
    for year in sorted(by_year):
        value = by_year[year]
        change = None if previous is None else value - previous
        pct = None if previous in (None, 0) or change is None else 100 * change / previous
        out[year] = {"t": value, "change_t": change, "change_pct": pct}
        previous = value
    return out


def coverage_pct(purchases_sek: float, unclassified_sek: float) -> float:
    """Share of purchase spend (exclusions removed) that a rule classified."""
    if purchases_sek == 0:
        return 100.0 if unclassified_sek == 0 else 0.0
    return 100.0 * (purchases_sek - unclassified_sek) / purchases_sek
