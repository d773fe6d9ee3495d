"""Cheapest sufficient portfolio of measures, solved with HiGHS through scipy.

Each measure i is taken at scale x_i in [lower_i, upper_i] (default 0..1; binary when marked
integer). Minimise the total discounted net cost sum(c_i x_i) (cost basis: see build_problem)
subject to
  - cumulative emissions over the years within the budget (or the goal level in its year),
  - no sector reduced below zero in any year (the same cap the pathway applies),
  - capex started in a year within that year's capital limit.
The shadow price is what tightening the budget (or goal level) by one tonne adds to the
optimum: the LP dual of that row, cross-checked by solving again with one tonne less.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from klimatkontrakt.calc.measures import Measure, period_cost, present_value_cost, profiles
from klimatkontrakt.calc.pathway import Goal, as_series

_TOL = 1e-6


@dataclass(frozen=True)
class PortfolioProblem:
    names: tuple[str, ...]
    costs_sek: np.ndarray  # discounted net cost at full scale
    a_ub: np.ndarray
    b_ub: np.ndarray
    row_labels: tuple[str, ...]
    target_row: int | None  # the budget or goal row, for the shadow price
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    bau_cumulative_t: float
    cumulative_reduction_t: np.ndarray  # per measure at full scale
    # Per row (kind, subject, year): kind "budget", "goal", "sector" or "capital"; the subject
    # is the sector for "sector" rows, else ""; the year is None for the budget row.
    row_keys: tuple[tuple[str, str, int | None], ...] = ()

    def cumulative_t(self, scales: Sequence[float] | np.ndarray) -> float:
        return self.bau_cumulative_t - float(self.cumulative_reduction_t @ np.asarray(scales))

    def cost_sek(self, scales: Sequence[float] | np.ndarray) -> float:
        return float(self.costs_sek @ np.asarray(scales, dtype=float))

    def broken_rows(self, scales: Sequence[float] | np.ndarray) -> list[int]:
        """Rows a plan with these scales breaks."""
        x = np.asarray(scales, dtype=float)
        return [
            int(r)
            for r in np.flatnonzero(self.a_ub @ x > self.b_ub + _TOL * (1 + np.abs(self.b_ub)))
        ]

    def binding_rows(self, scales: Sequence[float] | np.ndarray) -> list[int]:
        """Rows a plan with these scales meets with equality (no slack): the limits that bind."""
        x = np.asarray(scales, dtype=float)
        slack = self.b_ub - self.a_ub @ x
        return [int(r) for r in np.flatnonzero(np.abs(slack) <= 1e-6 * (1 + np.abs(self.b_ub)))]

    def violations(self, scales: Sequence[float] | np.ndarray) -> list[str]:
        """Names of the constraints a chosen plan breaks (empty: feasible)."""
        x = np.asarray(scales, dtype=float)
        broken = [self.row_labels[r] for r in self.broken_rows(x)]
        if np.any(x < self.lower - _TOL) or np.any(x > self.upper + _TOL):
            broken.append("scale outside its bounds")
        return broken

    def tightened(self, tonnes: float) -> PortfolioProblem:
        if self.target_row is None:
            raise ValueError("the problem has no budget or goal to tighten")
        b = self.b_ub.copy()
        b[self.target_row] -= tonnes
        return PortfolioProblem(
            self.names, self.costs_sek, self.a_ub, b, self.row_labels, self.target_row,
            self.lower, self.upper, self.integer, self.bau_cumulative_t,
            self.cumulative_reduction_t, self.row_keys,
        )  # fmt: skip


@dataclass(frozen=True)
class PortfolioResult:
    status: str  # "optimal", "infeasible", "unbounded" or "error"
    message: str
    scales: dict[str, float] = field(default_factory=dict)
    total_cost_sek: float | None = None
    cumulative_t: float | None = None
    shadow_price_dual_sek_per_t: float | None = None
    shadow_price_resolve_sek_per_t: float | None = None

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"

    @property
    def shadow_price_consistent(self) -> bool | None:
        """False where the optimum sits at a breakpoint and the dual is one side's slope."""
        a, b = self.shadow_price_dual_sek_per_t, self.shadow_price_resolve_sek_per_t
        if a is None or b is None:
            return None
        return abs(a - b) <= 1e-4 * max(1.0, abs(a), abs(b))


def build_problem(
    years: Sequence[int],
    bau_by_sector: Mapping[str, Mapping[int, float] | Sequence[float]],
    measures: Sequence[Measure],
    *,
    discount_rate: float,
    base_year: int,
    budget_total_t: float | None = None,
    goal: Goal | None = None,
    capital_limits_sek: Mapping[int, float] | None = None,
    lower: Sequence[float] | None = None,
    upper: Sequence[float] | None = None,
    integer: Sequence[bool] | None = None,
    cost_basis: str = "period",
) -> PortfolioProblem:
    """Set up the LP. Give the budget, or the goal, or both (both rows are then enforced).

    `cost_basis` "period" (default) charges each measure its annuitised cost for the years of
    the pathway, matching the reductions counted there; "lifetime" charges its whole discounted
    lifetime cost, which favours short-lived measures when the period is short.
    """
    if cost_basis not in ("period", "lifetime"):
        raise ValueError(f"cost_basis must be 'period' or 'lifetime', not {cost_basis!r}")
    years = tuple(int(y) for y in years)
    n = len(measures)
    bau = {s: np.maximum(as_series(v, years), 0.0) for s, v in bau_by_sector.items()}
    unknown = sorted({m.sector for m in measures} - set(bau))
    if unknown:
        raise ValueError(f"measures name sectors without BAU emissions: {', '.join(unknown)}")
    full = np.array([m.reduction_t_per_year.central for m in measures], dtype=float)
    yearly = profiles(measures, years) * full[:, None]  # (measures, years)
    cumulative_reduction = yearly.sum(axis=1)
    bau_total = np.sum(list(bau.values()), axis=0)
    rows: list[np.ndarray] = []
    rhs: list[float] = []
    labels: list[str] = []
    keys: list[tuple[str, str, int | None]] = []
    target_row: int | None = None

    if budget_total_t is not None:
        target_row = len(rows)
        rows.append(-cumulative_reduction)
        rhs.append(budget_total_t - float(bau_total.sum()))
        labels.append("cumulative emissions within budget")
        keys.append(("budget", "", None))
    if goal is not None:
        if goal.year not in years:
            raise ValueError(f"goal year {goal.year} lies outside the pathway years")
        g = years.index(goal.year)
        if target_row is None:
            target_row = len(rows)
        rows.append(-yearly[:, g])
        rhs.append(goal.level_t - float(bau_total[g]))
        labels.append(f"emissions in {goal.year} at most the goal level")
        keys.append(("goal", "", goal.year))
    for sector, sector_bau in bau.items():
        mask = np.array([m.sector == sector for m in measures], dtype=float)
        for j, year in enumerate(years):
            row = yearly[:, j] * mask
            if row.any():
                rows.append(row)
                rhs.append(float(sector_bau[j]))
                labels.append(f"{sector} {year}: reductions at most the sector's emissions")
                keys.append(("sector", sector, year))
    for year, limit in sorted((capital_limits_sek or {}).items()):
        row = np.array([m.capex_sek.central if m.start_year == year else 0.0 for m in measures])
        rows.append(row)
        rhs.append(float(limit))
        labels.append(f"capital started in {year} within the limit")
        keys.append(("capital", "", year))

    costs = np.array(
        [
            period_cost(m, discount_rate, base_year, years)
            if cost_basis == "period"
            else present_value_cost(m, discount_rate, base_year)
            for m in measures
        ]
    )
    return PortfolioProblem(
        names=tuple(m.name for m in measures),
        costs_sek=costs,
        a_ub=np.vstack(rows) if rows else np.zeros((0, n)),
        b_ub=np.array(rhs, dtype=float),
        row_labels=tuple(labels),
        target_row=target_row,
        lower=np.zeros(n) if lower is None else np.asarray(lower, dtype=float),
        upper=np.ones(n) if upper is None else np.asarray(upper, dtype=float),
        integer=np.zeros(n, dtype=bool) if integer is None else np.asarray(integer, dtype=bool),
        bau_cumulative_t=float(bau_total.sum()),
        cumulative_reduction_t=cumulative_reduction,
        row_keys=tuple(keys),
    )


def _solve_once(problem: PortfolioProblem) -> tuple[str, str, np.ndarray | None, float | None]:
    """Returns status, message, x and the target row's dual (None for integer problems)."""
    n = len(problem.names)
    if n == 0:
        ok = bool(np.all(problem.b_ub >= -_TOL))
        return (
            ("optimal", "no measures", np.zeros(0), None)
            if ok
            else ("infeasible", "no measures, and the budget or goal needs reductions", None, None)
        )
    # Each row scaled to a largest coefficient of 1: the solver's tolerances are absolute, so a
    # row of tiny tonnes (1e-7 t) would otherwise count as met well before it is.
    peak = np.abs(problem.a_ub).max(axis=1) if problem.a_ub.size else np.zeros(0)
    scale = np.where(peak > 0, 1.0 / np.maximum(peak, 1e-12), 1.0)  # capped: no inf from 1e-310
    a_ub, b_ub = problem.a_ub * scale[:, None], problem.b_ub * scale
    if problem.integer.any():
        constraints = [LinearConstraint(a_ub, -np.inf, b_ub)] if len(b_ub) else []
        res = milp(
            problem.costs_sek,
            constraints=constraints,
            integrality=problem.integer.astype(int),
            bounds=Bounds(problem.lower, problem.upper),
        )
        dual = None
    else:
        res = linprog(
            problem.costs_sek,
            A_ub=a_ub if len(b_ub) else None,
            b_ub=b_ub if len(b_ub) else None,
            bounds=list(zip(problem.lower, problem.upper, strict=True)),
            method="highs",
        )
        dual = (
            float(res.ineqlin.marginals[problem.target_row] * scale[problem.target_row])
            if res.status == 0 and problem.target_row is not None
            else None
        )
    status = {0: "optimal", 2: "infeasible", 3: "unbounded"}.get(res.status, "error")
    x = np.asarray(res.x, dtype=float) if res.status == 0 else None
    return status, str(res.message), x, dual


def solve(problem: PortfolioProblem) -> PortfolioResult:
    status, message, x, dual = _solve_once(problem)
    if status != "optimal" or x is None:
        return PortfolioResult(status=status, message=message)
    cost = problem.cost_sek(x)
    resolve: float | None = None
    if problem.target_row is not None:
        t_status, _, t_x, _ = _solve_once(problem.tightened(1.0))
        if t_status == "optimal" and t_x is not None:
            resolve = problem.cost_sek(t_x) - cost
    return PortfolioResult(
        status=status,
        message=message,
        scales={name: float(v) for name, v in zip(problem.names, x, strict=True)},
        total_cost_sek=cost,
        cumulative_t=problem.cumulative_t(x),
        # scipy reports d(cost)/d(rhs); a tighter budget lowers the rhs, hence the sign.
        shadow_price_dual_sek_per_t=None if dual is None else -dual,
        shadow_price_resolve_sek_per_t=resolve,
    )
