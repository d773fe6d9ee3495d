"""Abatement cost per tonne and the marginal abatement cost curve (MACC)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


def capital_recovery_factor(rate: float, years: int) -> float:
    """CRF = r / (1 - (1 + r)^-n); the limit 1/n when r = 0.

    Spreads a capital cost into n equal yearly payments at discount rate r.
    """
    if years < 1:
        raise ValueError(f"lifetime must be at least one year, got {years}")
    if rate <= -1:
        raise ValueError(f"discount rate must be greater than -1, got {rate}")
    if rate == 0:
        return 1.0 / years
    # expm1/log1p keep 1 − (1 + r)^−n accurate for tiny r, where the plain form rounds to 0.
    return rate / -math.expm1(-years * math.log1p(rate))


def annualised_cost(
    capex_sek: float, opex_change_sek_per_year: float, rate: float, years: int
) -> float:
    """Equivalent yearly cost: CRF × capex + yearly opex change (negative opex is a saving)."""
    return capital_recovery_factor(rate, years) * capex_sek + opex_change_sek_per_year


def abatement_cost_per_t(
    capex_sek: float,
    opex_change_sek_per_year: float,
    reduction_t_per_year: float,
    rate: float,
    years: int,
) -> float:
    """(CRF × capex + opex change) / yearly reduction, SEK per t CO2e. Negative is a net saving."""
    if not reduction_t_per_year > 0 or not math.isfinite(reduction_t_per_year):
        raise ValueError(f"yearly reduction must be a positive number, got {reduction_t_per_year}")
    annual = annualised_cost(capex_sek, opex_change_sek_per_year, rate, years)
    return annual / reduction_t_per_year


@dataclass(frozen=True)
class MaccBar:
    """One measure's bar in the MACC: height its cost per tonne, width its yearly potential."""

    name: str
    cost_sek_per_t: float
    width_t_per_year: float
    x_start: float
    x_end: float

    @property
    def annual_cost_sek(self) -> float:
        return self.cost_sek_per_t * self.width_t_per_year


def macc(items: Iterable[tuple[str, float, float]]) -> list[MaccBar]:
    """Build the MACC from (name, cost per t, yearly potential t) triples.

    Bars run cheapest first (ties by name, so the order is stable); each starts where the
    previous one ends, so x_end of the last bar is the total yearly potential.
    """
    rows = sorted(items, key=lambda item: (item[1], item[0]))
    bars: list[MaccBar] = []
    x = 0.0
    for name, cost, width in rows:
        if width < 0:
            raise ValueError(f"{name}: yearly potential cannot be negative ({width})")
        bars.append(MaccBar(name, cost, width, x, x + width))
        x += width
    return bars
