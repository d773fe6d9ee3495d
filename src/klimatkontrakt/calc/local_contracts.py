"""Signatories' reported reductions: from a quantity and a default factor, and summed per sector
without exceeding what the sector emits. Numbers in, numbers out."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def reduction_from_quantity(quantity: float, per_unit_t: float) -> float:
    """t CO2e per year from a reported quantity and the catalogue's default reduction per unit."""
    if not (math.isfinite(quantity) and math.isfinite(per_unit_t)):
        raise ValueError("quantity and factor must be finite")
    if quantity < 0 or per_unit_t < 0:
        raise ValueError("quantity and factor must be 0 or more")
    return quantity * per_unit_t


@dataclass(frozen=True)
class SectorRollUp:
    """Reported reductions per sector, each at most the sector's emissions (when known)."""

    reported_t: dict[str, float]
    counted_t: dict[str, float]
    capped: list[str] = field(default_factory=list)

    @property
    def total_t(self) -> float:
        return sum(self.counted_t.values())

    @property
    def reported_total_t(self) -> float:
        return sum(self.reported_t.values())


def roll_up(
    reductions: Iterable[tuple[str, float]], sector_emissions_t: Mapping[str, float]
) -> SectorRollUp:
    """Sum (sector, t) pairs per sector; a sector whose sum exceeds its emissions counts only its
    emissions and is named in `capped`. A sector without known emissions is not capped."""
    reported: dict[str, float] = {}
    for sector, t in reductions:
        if not math.isfinite(t) or t < 0:
            raise ValueError("a reduction is a finite number, 0 or more")
        reported[sector] = reported.get(sector, 0.0) + t
    counted: dict[str, float] = {}
    capped: list[str] = []
    for sector, t in reported.items():
        limit = sector_emissions_t.get(sector)
        if limit is not None and t > max(limit, 0.0):
            counted[sector] = max(limit, 0.0)
            capped.append(sector)
        else:
            counted[sector] = t
    return SectorRollUp(reported, counted, sorted(capped))
