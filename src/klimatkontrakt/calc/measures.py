"""Measures (åtgärder) of a climate investment plan: their effect and cost by year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from klimatkontrakt.calc.abatement import abatement_cost_per_t, capital_recovery_factor


@dataclass(frozen=True)
class Estimate:
    """A low / central / high estimate; low <= central <= high."""

    low: float
    central: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise ValueError(
                f"estimate must satisfy low <= central <= high, got "
                f"{self.low} / {self.central} / {self.high}"
            )

    @classmethod
    def exact(cls, value: float) -> Estimate:
        return cls(value, value, value)

    @classmethod
    def of(cls, central: float, low: float | None = None, high: float | None = None) -> Estimate:
        """Central value with optional bounds; a missing bound equals the central value."""
        return cls(
            central if low is None else low,
            central,
            central if high is None else high,
        )


@dataclass(frozen=True)
class Measure:
    """One measure, as the calculations see it.

    `ramp_up_years` R: the effect grows linearly to full over R years (1/R, 2/R, ... 1);
    0 or 1 means full effect from the start year. The effect lasts `lifetime_years` counted
    from the start year, ramp-up included. Capex falls in the start year; the opex change
    follows the effect (scaled by the ramp-up) while the measure is active.
    """

    name: str
    sector: str
    start_year: int
    lifetime_years: int
    capex_sek: Estimate
    opex_change_sek_per_year: Estimate
    reduction_t_per_year: Estimate
    ramp_up_years: int = 0
    category: str = ""
    department: str = ""
    kind: str = "investment"
    attributes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.lifetime_years < 1:
            raise ValueError(f"{self.name}: lifetime must be at least one year")
        if self.ramp_up_years < 0:
            raise ValueError(f"{self.name}: ramp-up cannot be negative")
        if self.reduction_t_per_year.low < 0:
            raise ValueError(f"{self.name}: yearly reduction cannot be negative")
        if self.capex_sek.low < 0:
            raise ValueError(f"{self.name}: capex cannot be negative")

    def abatement_cost_per_t(self, rate: float) -> float:
        """Central cost per tonne at the plan's discount rate."""
        return abatement_cost_per_t(
            self.capex_sek.central,
            self.opex_change_sek_per_year.central,
            self.reduction_t_per_year.central,
            rate,
            self.lifetime_years,
        )


def effect_profile(
    start_year: int, ramp_up_years: int, lifetime_years: int, years: Sequence[int] | np.ndarray
) -> np.ndarray:
    """Share of full effect (0..1) each year: linear ramp-up, then full until the lifetime ends."""
    y = np.asarray(years, dtype=float)
    k = y - start_year
    ramp = max(ramp_up_years, 1)
    share = np.minimum((k + 1.0) / ramp, 1.0)
    active = (k >= 0) & (k < lifetime_years)
    return np.where(active, share, 0.0)


def profiles(measures: Sequence[Measure], years: Sequence[int] | np.ndarray) -> np.ndarray:
    """Effect profile matrix, one row per measure, one column per year."""
    if not measures:
        return np.zeros((0, len(years)))
    return np.vstack(
        [effect_profile(m.start_year, m.ramp_up_years, m.lifetime_years, years) for m in measures]
    )


def reduction_by_year(
    measure: Measure, years: Sequence[int] | np.ndarray, which: str = "central"
) -> np.ndarray:
    """Yearly reduction in t CO2e for `which` of low / central / high."""
    full = getattr(measure.reduction_t_per_year, which)
    m = measure
    return full * effect_profile(m.start_year, m.ramp_up_years, m.lifetime_years, years)


def cost_by_year(measure: Measure, years: Sequence[int] | np.ndarray) -> np.ndarray:
    """Central net cost in SEK each year: capex in the start year plus the ramped opex change."""
    y = np.asarray(years)
    profile = effect_profile(measure.start_year, measure.ramp_up_years, measure.lifetime_years, y)
    capex = np.where(y == measure.start_year, measure.capex_sek.central, 0.0)
    return capex + profile * measure.opex_change_sek_per_year.central


def present_value_cost(measure: Measure, rate: float, base_year: int) -> float:
    """Total discounted net cost over the measure's lifetime, discounted to `base_year`."""
    years = np.arange(measure.start_year, measure.start_year + measure.lifetime_years)
    discount = (1.0 + rate) ** -(years - base_year).astype(float)
    return float(np.sum(cost_by_year(measure, years) * discount))


def period_cost(
    measure: Measure, rate: float, base_year: int, years: Sequence[int] | np.ndarray
) -> float:
    """Discounted net cost inside `years`, with capex spread as an annuity over the lifetime.

    A measure whose life runs past the period is charged only for the years inside it, as its
    reductions are only counted there: yearly CRF × capex / (1 + r) plus the ramped opex
    change. Over the whole life this equals `present_value_cost`.
    """
    y = np.asarray(years)
    profile = effect_profile(measure.start_year, measure.ramp_up_years, measure.lifetime_years, y)
    active = profile > 0
    # Paid at the start of each year (annuity due), so over the whole life it is worth the capex.
    crf = capital_recovery_factor(rate, measure.lifetime_years)
    annuity = crf * measure.capex_sek.central / (1.0 + rate)
    yearly = np.where(active, annuity, 0.0) + profile * measure.opex_change_sek_per_year.central
    discount = (1.0 + rate) ** -(y - base_year).astype(float)
    return float(np.sum(yearly * discount))


def period_cost_factors(
    measures: Sequence[Measure], rate: float, base_year: int, years: Sequence[int] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per measure, the SEK of period cost per SEK of capex and per SEK/year of opex change, so
    that period_cost = capex × a + opex × b (linear, which keeps the Monte Carlo vectorised)."""
    y = np.asarray(years)
    discount = (1.0 + rate) ** -(y - base_year).astype(float)
    p = profiles(measures, y)
    crf = np.array([capital_recovery_factor(rate, m.lifetime_years) for m in measures])
    a = (p > 0).astype(float) @ discount * crf / (1.0 + rate) if len(measures) else np.zeros(0)
    b = p @ discount if len(measures) else np.zeros(0)
    return a, b


def activity_reduction_t(
    units: float,
    activity_per_unit: float,
    factor_before_kg_per_activity: float,
    factor_after_kg_per_activity: float,
) -> float:
    """Yearly reduction from an activity change, t CO2e.

    For example 20 diesel cars replaced by electric ones, 15 000 km each per year, factor
    0.17 → 0.02 kg CO2e/km: 20 × 15 000 × (0.17 − 0.02) / 1000 = 45 t per year. A negative
    result means the change adds emissions.
    """
    if units < 0 or activity_per_unit < 0:
        raise ValueError("number of units and activity per unit cannot be negative")
    difference = factor_before_kg_per_activity - factor_after_kg_per_activity
    return units * activity_per_unit * difference / 1000.0
