"""Monetising a measure's co-benefits (health, jobs, safety, air quality ...).

A co-benefit is a yearly quantity (e.g. 0.5 avoided severe accidents per year) times a unit
value. The unit value comes from the measure itself or from a named default valuation. A
co-benefit with neither stays qualitative: it is listed, never given a made-up price.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Valuation:
    key: str
    label_sv: str
    label_en: str
    unit: str
    value_sek: float
    price_year: int
    status: str  # "sourced" or "indicative"
    source: str
    version: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class CoBenefit:
    kind: str  # health, jobs, safety, air_quality, noise, other
    description: str
    quantity_per_year: float | None = None
    valuation_key: str = ""
    unit_value_sek: float | None = None  # overrides the default valuation


@dataclass(frozen=True)
class MonetisedCoBenefit:
    cobenefit: CoBenefit
    value_sek_per_year: float | None
    basis: str  # where the unit value came from, or why there is none


def monetise(cobenefit: CoBenefit, valuations: Mapping[str, Valuation]) -> MonetisedCoBenefit:
    if cobenefit.quantity_per_year is None:
        return MonetisedCoBenefit(cobenefit, None, "qualitative: no quantity given")
    if cobenefit.unit_value_sek is not None:
        return MonetisedCoBenefit(
            cobenefit,
            cobenefit.quantity_per_year * cobenefit.unit_value_sek,
            "unit value entered for the measure",
        )
    valuation = valuations.get(cobenefit.valuation_key)
    if valuation is None:
        reason = (
            f"no default valuation named {cobenefit.valuation_key!r}"
            if cobenefit.valuation_key
            else "qualitative: no unit value"
        )
        return MonetisedCoBenefit(cobenefit, None, reason)
    v = valuation
    basis = f"{v.source}, {v.version}, {v.price_year} prices ({v.status})"
    return MonetisedCoBenefit(cobenefit, cobenefit.quantity_per_year * v.value_sek, basis)


def monetised_total_sek_per_year(
    cobenefits: Iterable[CoBenefit], valuations: Mapping[str, Valuation]
) -> float:
    """Sum of the monetised co-benefits; qualitative ones add nothing."""
    return sum(m.value_sek_per_year or 0.0 for m in (monetise(c, valuations) for c in cobenefits))


def cost_per_t_after_cobenefits(
    abatement_cost_sek_per_t: float, cobenefits_sek_per_year: float, reduction_t_per_year: float
) -> float:
    """Cost per tonne once the yearly co-benefit value is counted as a saving."""
    if not reduction_t_per_year > 0:
        raise ValueError("yearly reduction must be positive")
    return abatement_cost_sek_per_t - cobenefits_sek_per_year / reduction_t_per_year
