"""Speed of the investment-plan maths, printed as JSON; never asserts a time.

For growing plans (measures × years) it times the vectorised Monte Carlo against a baseline
measured in the same run — one pathway per draw in a Python loop, the obvious implementation —
and reports the ratio per run, plus the HiGHS portfolio solve with its re-solve for the shadow
price. Run: `python bench/investments_bench.py` (PYTHONPATH=src).
"""

import json
import sys
import time

import numpy as np

from klimatkontrakt.calc.measures import Estimate, Measure
from klimatkontrakt.calc.pathway import build_pathway
from klimatkontrakt.calc.portfolio import build_problem, solve
from klimatkontrakt.calc.uncertainty import sample_estimates, simulate

SECTORS = ["Transporter", "Energi", "Industri", "Jordbruk", "Avfall"]


def plan(n: int, years: list[int], seed: int = 1) -> tuple[dict[str, list[float]], list[Measure]]:
    rng = np.random.default_rng(seed)
    bau = {s: [float(rng.uniform(5_000, 50_000))] * len(years) for s in SECTORS}
    measures = []
    for i in range(n):
        central = float(rng.uniform(10, 800))
        measures.append(
            Measure(
                name=f"m{i}",
                sector=SECTORS[i % len(SECTORS)],
                category=f"c{i % 7}",
                start_year=int(rng.integers(years[0], years[-1])),
                ramp_up_years=int(rng.integers(0, 4)),
                lifetime_years=int(rng.integers(5, 30)),
                capex_sek=Estimate.exact(float(rng.uniform(0, 2e7))),
                opex_change_sek_per_year=Estimate.exact(float(rng.uniform(-1e6, 1e6))),
                reduction_t_per_year=Estimate(central * 0.6, central, central * 1.3),
            )
        )
    return bau, measures


def loop_baseline(years, bau, measures, runs, budget) -> float:
    """Seconds per run for the plain approach: draw, rebuild the pathway, compare."""
    rng = np.random.default_rng(7)
    draws = sample_estimates([m.reduction_t_per_year for m in measures], runs, rng)
    start = time.perf_counter()
    inside = 0
    for r in range(runs):
        scales = [
            d / m.reduction_t_per_year.central for d, m in zip(draws[r], measures, strict=True)
        ]
        p = build_pathway(years, bau, measures, scales=scales, budget_total_t=budget)
        inside += bool(p.within_budget)
    return (time.perf_counter() - start) / runs


def main() -> None:
    out = []
    for n, span in [(10, 6), (100, 21), (500, 26)]:
        years = list(range(2025, 2025 + span))
        bau, measures = plan(n, years)
        # Halfway between BAU and everything done: feasible, and not certain.
        full = build_pathway(years, bau, measures).total_cumulative_t
        budget = 0.5 * (sum(sum(v) for v in bau.values()) + full)
        runs = 5000
        t0 = time.perf_counter()
        result = simulate(years, bau, measures, budget_total_t=budget, runs=runs)
        vectorised = (time.perf_counter() - t0) / runs
        baseline = loop_baseline(years, bau, measures, runs=min(200, runs), budget=budget)
        problem = build_problem(
            years, bau, measures, discount_rate=0.035, base_year=years[0], budget_total_t=budget
        )
        t0 = time.perf_counter()
        optimum = solve(problem)
        lp = time.perf_counter() - t0
        out.append(
            {
                "measures": n,
                "years": span,
                "monte_carlo_runs": runs,
                "monte_carlo_seconds": vectorised * runs,
                "seconds_per_run_vectorised": vectorised,
                "seconds_per_run_loop_baseline": baseline,
                "speedup_vs_loop": baseline / vectorised if vectorised else None,
                "probability_within_budget": result.probability_within_budget,
                "lp_seconds_with_resolve": lp,
                "lp_status": optimum.status,
                "lp_rows": int(problem.a_ub.shape[0]),
            }
        )
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
