"""Emission pathway of a plan: BAU minus the measures' reductions, against budget and goal.

Measures act on the emissions of their sector. When several measures in one sector together
claim more than the sector emits in a year, their reductions are scaled down pro rata so the
sector never goes below zero, and the capped amount is reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from klimatkontrakt.calc.measures import Measure, profiles


@dataclass(frozen=True)
class Goal:
    """Emission level (t CO2e) to reach by a year, e.g. the 2030 goal."""

    year: int
    level_t: float


@dataclass(frozen=True)
class OverlapFlag:
    """Measures in the same sector and category that are active in the same years."""

    sector: str
    category: str
    measures: tuple[str, ...]
    years: tuple[int, ...]


@dataclass(frozen=True)
class Pathway:
    years: tuple[int, ...]
    sectors: tuple[str, ...]
    bau_t: np.ndarray  # per year, all sectors
    emissions_t: np.ndarray  # per year, after measures
    emissions_by_sector_t: dict[str, np.ndarray]
    reduction_by_measure_t: dict[str, np.ndarray]  # after capping
    capped_by_sector_t: dict[str, np.ndarray]  # claimed beyond what the sector emits
    cumulative_t: np.ndarray
    budget_path_t: np.ndarray | None
    budget_total_t: float | None
    goal: Goal | None
    overlaps: tuple[OverlapFlag, ...]

    @property
    def reduction_t(self) -> np.ndarray:
        return self.bau_t - self.emissions_t

    @property
    def total_cumulative_t(self) -> float:
        return float(self.cumulative_t[-1]) if len(self.cumulative_t) else 0.0

    @property
    def within_budget(self) -> bool | None:
        if self.budget_total_t is None:
            return None
        return self.total_cumulative_t <= self.budget_total_t + 1e-9

    @property
    def budget_margin_t(self) -> float | None:
        """Budget left at the end of the period (negative: overspent)."""
        if self.budget_total_t is None:
            return None
        return self.budget_total_t - self.total_cumulative_t

    @property
    def goal_met(self) -> bool | None:
        if self.goal is None or self.goal.year not in self.years:
            return None
        return float(self.emissions_t[self.years.index(self.goal.year)]) <= self.goal.level_t + 1e-9

    def gap_t(self) -> np.ndarray | None:
        """Emissions above the budget path each year (0 where within)."""
        if self.budget_path_t is None:
            return None
        return np.maximum(self.emissions_t - self.budget_path_t, 0.0)

    def gap_by_sector_t(self) -> dict[str, np.ndarray] | None:
        """The yearly gap shared out over sectors in proportion to their remaining emissions."""
        gap = self.gap_t()
        if gap is None:
            return None
        total = self.emissions_t
        share_base = np.where(total > 0, total, 1.0)
        return {s: gap * e / share_base for s, e in self.emissions_by_sector_t.items()}

    def capped_total_t(self) -> float:
        return float(sum(float(v.sum()) for v in self.capped_by_sector_t.values()))


def as_series(values: Mapping[int, float] | Sequence[float], years: Sequence[int]) -> np.ndarray:
    if isinstance(values, Mapping):
        missing = [y for y in years if y not in values]
        if missing:
            raise ValueError(f"series lacks years {missing[:5]}")
        return np.array([float(values[y]) for y in years])
    arr = np.asarray(values, dtype=float)
    if arr.shape != (len(years),):
        raise ValueError(f"series has {arr.shape[0]} values for {len(years)} years")
    return arr


def find_overlaps(measures: Sequence[Measure], years: Sequence[int]) -> tuple[OverlapFlag, ...]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(measures):
        if m.category:
            groups[(m.sector, m.category)].append(i)
    active = profiles(measures, years) > 0
    flags: list[OverlapFlag] = []
    for (sector, category), idx in sorted(groups.items()):
        if len(idx) < 2:
            continue
        together = active[idx].sum(axis=0) >= 2
        if together.any():
            flags.append(
                OverlapFlag(
                    sector,
                    category,
                    tuple(measures[i].name for i in idx),
                    tuple(y for y, t in zip(years, together, strict=True) if t),
                )
            )
    return tuple(flags)


def build_pathway(
    years: Sequence[int],
    bau_by_sector: Mapping[str, Mapping[int, float] | Sequence[float]],
    measures: Sequence[Measure],
    *,
    scales: Sequence[float] | None = None,
    budget_path: Mapping[int, float] | Sequence[float] | None = None,
    budget_total_t: float | None = None,
    goal: Goal | None = None,
) -> Pathway:
    """Compute the plan's pathway over `years`.

    `scales` (0..1 per measure) takes part of a measure, as the portfolio optimiser does.
    The cumulative budget defaults to the sum of the yearly budget path when only that is given.
    """
    years = tuple(int(y) for y in years)
    if not years:
        raise ValueError("a pathway needs at least one year")
    unknown = sorted({m.sector for m in measures} - set(bau_by_sector))
    if unknown:
        raise ValueError(f"measures name sectors without BAU emissions: {', '.join(unknown)}")
    bau = {s: np.maximum(as_series(v, years), 0.0) for s, v in bau_by_sector.items()}
    scale = np.ones(len(measures)) if scales is None else np.asarray(scales, dtype=float)
    names = [m.name for m in measures]
    if len(set(names)) != len(names):
        raise ValueError("measure names must be unique within a plan")
    full = np.array([m.reduction_t_per_year.central for m in measures], dtype=float)
    raw = profiles(measures, years) * (full * scale)[:, None]

    by_measure: dict[str, np.ndarray] = {}
    emissions_by_sector: dict[str, np.ndarray] = {}
    capped: dict[str, np.ndarray] = {}
    for sector, sector_bau in bau.items():
        idx = [i for i, m in enumerate(measures) if m.sector == sector]
        claimed = raw[idx].sum(axis=0) if idx else np.zeros(len(years))
        allowed = np.minimum(claimed, sector_bau)
        factor = np.divide(allowed, claimed, out=np.ones_like(claimed), where=claimed > 0)
        for i in idx:
            by_measure[measures[i].name] = raw[i] * factor
        emissions_by_sector[sector] = sector_bau - allowed
        capped[sector] = claimed - allowed

    bau_total = np.sum(list(bau.values()), axis=0) if bau else np.zeros(len(years))
    emissions = np.sum(list(emissions_by_sector.values()), axis=0) if bau else np.zeros(len(years))
    path = None if budget_path is None else as_series(budget_path, years)
    if budget_total_t is None and path is not None:
        budget_total_t = float(path.sum())
    return Pathway(
        years=years,
        sectors=tuple(bau),
        bau_t=bau_total,
        emissions_t=emissions,
        emissions_by_sector_t=emissions_by_sector,
        reduction_by_measure_t=by_measure,
        capped_by_sector_t=capped,
        cumulative_t=np.cumsum(emissions),
        budget_path_t=path,
        budget_total_t=budget_total_t,
        goal=goal,
        overlaps=find_overlaps(measures, years),
    )
