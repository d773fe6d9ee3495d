"""Monte Carlo over the measures' low / central / high reductions.

Each measure's full yearly reduction is drawn from a PERT distribution over its low, central
and high values (a beta distribution with shape 4, mode at the central value). PERT is chosen
over the triangular distribution because it puts less weight in the tails for the same three
numbers, which suits expert ranges ("most likely X, at worst Y") better; the triangular
distribution is available with `distribution="triangular"`. Draws are independent between
measures. BAU can carry its own relative range (e.g. 0.95 / 1.0 / 1.08), drawn once per run
and applied to every sector and year, since a forecast error moves the whole trend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from klimatkontrakt.calc.measures import Estimate, Measure, period_cost_factors, profiles
from klimatkontrakt.calc.pathway import as_series


@dataclass(frozen=True)
class UncertaintyResult:
    years: tuple[int, ...]
    runs: int
    seed: int
    distribution: str
    probability_within_budget: float | None
    p10_t: np.ndarray
    p50_t: np.ndarray
    p90_t: np.ndarray
    cumulative_p10_t: float
    cumulative_p50_t: float
    cumulative_p90_t: float


def sample_estimates(
    estimates: Sequence[Estimate],
    runs: int,
    rng: np.random.Generator,
    distribution: str = "pert",
) -> np.ndarray:
    """Draws of shape (runs, len(estimates)); an estimate with low == high is constant."""
    low = np.array([e.low for e in estimates], dtype=float)
    mode = np.array([e.central for e in estimates], dtype=float)
    high = np.array([e.high for e in estimates], dtype=float)
    width = high - low
    spread = width > 0
    out = np.broadcast_to(mode, (runs, len(estimates))).copy()
    if not spread.any():
        return out
    lo, mo, hi, w = low[spread], mode[spread], high[spread], width[spread]
    if distribution == "pert":
        alpha = 1.0 + 4.0 * (mo - lo) / w
        beta = 1.0 + 4.0 * (hi - mo) / w
        out[:, spread] = lo + w * rng.beta(alpha, beta, size=(runs, int(spread.sum())))
    elif distribution == "triangular":
        out[:, spread] = rng.triangular(lo, mo, hi, size=(runs, int(spread.sum())))
    else:
        raise ValueError(f"unknown distribution {distribution!r}: use 'pert' or 'triangular'")
    return out


def simulate(
    years: Sequence[int],
    bau_by_sector: Mapping[str, Mapping[int, float] | Sequence[float]],
    measures: Sequence[Measure],
    *,
    budget_total_t: float | None,
    runs: int = 5000,
    seed: int = 20301,
    distribution: str = "pert",
    bau_range: Estimate | None = None,
) -> UncertaintyResult:
    """Probability of staying within the cumulative budget, and a P10/P50/P90 band by year."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    years = tuple(int(y) for y in years)
    rng = np.random.default_rng(seed)
    sectors = list(bau_by_sector)
    bau = np.vstack([np.maximum(as_series(bau_by_sector[s], years), 0.0) for s in sectors])
    draws = sample_estimates([m.reduction_t_per_year for m in measures], runs, rng, distribution)
    bau_factor = (
        sample_estimates([bau_range], runs, rng, distribution)[:, 0]
        if bau_range is not None
        else np.ones(runs)
    )
    profile = profiles(measures, years)  # (measures, years)
    emissions = np.zeros((runs, len(years)))
    for s_i, sector in enumerate(sectors):
        idx = [i for i, m in enumerate(measures) if m.sector == sector]
        sector_bau = bau_factor[:, None] * bau[s_i][None, :]
        claimed = draws[:, idx] @ profile[idx] if idx else np.zeros((runs, len(years)))
        emissions += sector_bau - np.minimum(claimed, sector_bau)
    cumulative = emissions.sum(axis=1)
    p10, p50, p90 = np.percentile(emissions, [10, 50, 90], axis=0)
    c10, c50, c90 = np.percentile(cumulative, [10, 50, 90])
    probability = (
        None if budget_total_t is None else float(np.mean(cumulative <= budget_total_t + 1e-9))
    )
    return UncertaintyResult(
        years=years,
        runs=runs,
        seed=seed,
        distribution=distribution,
        probability_within_budget=probability,
        p10_t=p10,
        p50_t=p50,
        p90_t=p90,
        cumulative_p10_t=float(c10),
        cumulative_p50_t=float(c50),
        cumulative_p90_t=float(c90),
    )


@dataclass(frozen=True)
class CostBand:
    """Spread of the plan's total discounted net cost for its years, SEK."""

    runs: int
    seed: int
    p10_sek: float
    p50_sek: float
    p90_sek: float


def simulate_costs(
    years: Sequence[int],
    measures: Sequence[Measure],
    *,
    rate: float,
    base_year: int,
    runs: int = 5000,
    seed: int = 20301,
    distribution: str = "pert",
) -> CostBand:
    """Monte Carlo over the capex and opex ranges, on the portfolio's cost basis."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    rng = np.random.default_rng(seed)
    a, b = period_cost_factors(measures, rate, base_year, years)
    capex = sample_estimates([m.capex_sek for m in measures], runs, rng, distribution)
    opex = sample_estimates([m.opex_change_sek_per_year for m in measures], runs, rng, distribution)
    total = capex @ a + opex @ b
    p10, p50, p90 = np.percentile(total, [10, 50, 90]) if len(total) else (0.0, 0.0, 0.0)
    return CostBand(runs, seed, float(p10), float(p50), float(p90))
