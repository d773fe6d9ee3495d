"""Carbon budgets (utsläppsbudget): named, parameterised methods over all municipalities at once.

Each method takes an :class:`EmissionSeries` (municipalities x years, tonnes) and returns a
:class:`BudgetBatch` of numpy arrays computed in one vectorised pass; ``batch.result(i)`` gives
one municipality's :class:`BudgetResult`. The methods and their steps are documented in
docs/emissions.md; ``METHODS`` is the registry the CLI, API and pages use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

import numpy as np

from klimatkontrakt.calc.trends import Trend, fit_lad, fit_ols, trapezoid_total

YEAR_SECONDS = 365 * 24 * 3600  # the methods count fractional years in 365-day years
END_YEAR = 2050


@dataclass(frozen=True)
class EmissionSeries:
    """Recorded emissions: one row per municipality (``keys``: SCB codes), one column per year."""

    keys: tuple[str, ...]
    years: tuple[int, ...]
    values: np.ndarray
    unit: str = "t CO2"
    process_emissions: np.ndarray | None = None  # same shape; subtracted when a method asks

    def __post_init__(self) -> None:
        if self.values.shape != (len(self.keys), len(self.years)):
            raise ValueError(
                f"values shape {self.values.shape} != ({len(self.keys)}, {len(self.years)})"
            )
        if list(self.years) != sorted(set(self.years)):
            raise ValueError("years must be increasing and unique")

    @property
    def last_year(self) -> int:
        return self.years[-1]

    def column(self, year: int) -> int:
        try:
            return self.years.index(year)
        except ValueError:
            raise ValueError(f"no recorded data for {year}") from None

    def net(self, deduct: bool) -> np.ndarray:
        if deduct and self.process_emissions is not None:
            return self.values - self.process_emissions
        return self.values


@dataclass(frozen=True)
class BudgetResult:
    """One municipality's budget, path, trend and dates under one method."""

    municipality: str
    method: str
    unit: str
    budget_t: float
    budget_start_year: int
    required_reduction_pct: float | None
    budget_runs_out: date | None
    net_zero_date: date | None
    historical_change_pct: float | None
    trend_slope: float
    trend_intercept: float
    trend_from_year: int
    trend_to_year: int
    paris_path: dict[int, float]
    trend_path: dict[int, float]
    trend_total_t: float
    meets_goal: bool | None
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BudgetBatch:
    """All municipalities' results as arrays (NaN / NaT where a value does not exist)."""

    method: str
    keys: tuple[str, ...]
    unit: str
    parameters: dict[str, Any]
    budget_t: np.ndarray
    budget_start_year: int
    required_reduction_pct: np.ndarray
    budget_runs_out: np.ndarray  # datetime64[D]
    net_zero_date: np.ndarray  # datetime64[D]
    historical_change_pct: np.ndarray
    trend: Trend
    paris_years: tuple[int, ...]
    paris_path: np.ndarray  # (m, len(paris_years)); NaN rows where there is no path
    trend_years: tuple[int, ...]
    trend_path: np.ndarray
    trend_total_t: np.ndarray
    meets_goal: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.keys)

    def index(self, key: str) -> int:
        return self.keys.index(key)

    def result(self, i: int) -> BudgetResult:
        def opt(x: float) -> float | None:
            return None if not np.isfinite(x) else float(x)

        def day(x: np.datetime64) -> date | None:
            return None if np.isnat(x) else x.astype("datetime64[D]").astype(date)

        paris = self.paris_path[i]
        return BudgetResult(
            municipality=self.keys[i],
            method=self.method,
            unit=self.unit,
            budget_t=float(self.budget_t[i]),
            budget_start_year=self.budget_start_year,
            required_reduction_pct=opt(self.required_reduction_pct[i]),
            budget_runs_out=day(self.budget_runs_out[i]),
            net_zero_date=day(self.net_zero_date[i]),
            historical_change_pct=opt(self.historical_change_pct[i]),
            trend_slope=float(self.trend.slope[i]),
            trend_intercept=float(self.trend.intercept[i]),
            trend_from_year=self.trend.from_year,
            trend_to_year=self.trend.to_year,
            paris_path={}
            if np.isnan(paris).all()
            else dict(zip(self.paris_years, map(float, paris), strict=True)),
            trend_path=dict(zip(self.trend_years, map(float, self.trend_path[i]), strict=True)),
            trend_total_t=float(self.trend_total_t[i]),
            meets_goal=None if self.meets_goal is None else bool(self.meets_goal[i]),
            parameters=dict(self.parameters),
        )

    def results(self) -> list[BudgetResult]:
        return [self.result(i) for i in range(len(self))]


def dates_from(start_year: int | np.ndarray, fractional_years: np.ndarray) -> np.ndarray:
    """1 January of ``start_year`` plus fractional 365-day years, truncated to whole seconds,
    as datetime64[D]; NaT where the offset is not finite or the date is outside years 1..9999."""
    offset = np.asarray(fractional_years, dtype=float) * YEAR_SECONDS
    start = np.asarray(start_year, dtype="int64") - 1970
    jan1 = start.astype("datetime64[Y]").astype("datetime64[s]")
    ok = np.isfinite(offset) & (np.abs(offset) < 8000 * YEAR_SECONDS)
    seconds = np.where(ok, np.trunc(np.where(ok, offset, 0.0)), 0).astype("int64")
    out = (jan1 + seconds.astype("timedelta64[s]")).astype("datetime64[D]")
    ok &= (out >= np.datetime64("0001-01-01")) & (out <= np.datetime64("9999-12-31"))
    return np.where(ok, out, np.datetime64("NaT", "D"))


def historical_change_pct(years: Sequence[int], values: np.ndarray, from_year: int) -> np.ndarray:
    """Mean of the year-on-year relative changes (between consecutive recorded years) from
    ``from_year`` to the last year, in percent."""
    cols = [j for j, y in enumerate(years) if y >= from_year]
    window = values[:, cols]
    with np.errstate(divide="ignore", invalid="ignore"):
        change = (window[:, 1:] - window[:, :-1]) / window[:, :-1]
    return 100.0 * change.mean(axis=1)


def national_budget(budget_15: float, budget_17: float, overhead_17: float) -> float:
    """Step 2: the 1.5 °C national budget less its national overhead, scaled from 1.7 °C."""
    return budget_15 - (overhead_17 / budget_17) * budget_15


# ---- cemus-2023 and fixed share the steps 4-8 -------------------------------------------------


def _exponential_pipeline(
    series: EmissionSeries,
    emissions: np.ndarray,
    initial_budget: np.ndarray,
    start_year: int,
    current_year: int,
    trend_from: int,
    method: str,
    parameters: dict[str, Any],
) -> BudgetBatch:
    years, last = series.years, series.last_year
    s, c = start_year, current_year
    trend = fit_ols(years, emissions, trend_from, last)  # step 4

    # Step 5: take off what was emitted between S and C (years S..C-1).
    spent = np.zeros(len(series.keys))
    for y in range(s, c):
        if y <= last:
            spent += emissions[:, series.column(y)]
    first_approx = max(s, last + 1)
    if first_approx < c:
        spent += trapezoid_total(trend.at(range(first_approx, c + 1)))
    budget = initial_budget - spent

    # Step 6: exponential path from F using the recorded or approximated value at F.
    f = max(s, c)
    if f >= END_YEAR:
        raise ValueError(f"a budget path needs years after {f}: start it before {END_YEAR}")
    e_f = emissions[:, series.column(f)] if f <= last else trend.at([f])[:, 0]
    paris_years = tuple(range(f, END_YEAR + 1))
    has_path = budget > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(has_path, e_f / np.where(has_path, budget, 1.0), np.nan)
        paris = e_f[:, None] * np.exp(-rate[:, None] * (np.array(paris_years) - f)[None, :])
        # (P(F+1) - P(F+2)) / P(F+1) = 1 - exp(-rate); expm1 keeps it exact when P underflows.
        reduction = np.where(e_f > 0, -100.0 * np.expm1(-rate), np.nan)

    # Step 7: trend path C..2050; does its integral from F exceed the budget, and when?
    trend_years = tuple(range(c, END_YEAR + 1))
    trend_path = trend.at(trend_years)
    from_f = trend.at(range(f, END_YEAR + 1))
    trend_total = trapezoid_total(from_f)
    rest = budget - 0.5 * (from_f[:, 0] + from_f[:, 1])
    x1 = f + 1
    a, b = trend.slope, trend.intercept
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.sqrt(2.0 * rest * a + (a * x1 + b) ** 2)
        x2 = np.where(a != 0, (root - b) / a, x1 + rest / b)
    runs_out = np.where(trend_total > budget, x2 - x1, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        net_zero = np.where(a < 0, -b / a - (last + 1), np.nan)

    return BudgetBatch(
        method=method,
        keys=series.keys,
        unit=series.unit,
        parameters=parameters,
        budget_t=budget,
        budget_start_year=f,
        required_reduction_pct=reduction,
        budget_runs_out=dates_from(x1, runs_out),
        net_zero_date=dates_from(last + 1, net_zero),
        historical_change_pct=historical_change_pct(years, emissions, trend_from),  # step 8
        trend=trend,
        paris_years=paris_years,
        paris_path=np.where(has_path[:, None], paris, np.nan),
        trend_years=trend_years,
        trend_path=trend_path,
        trend_total_t=trend_total,
    )


@dataclass(frozen=True)
class CemusParams:
    """cemus-2023: Uppsala University CEMUS's Paris-compliant budgets (Dec 2023), as used in
    the 2024 Swedish public municipal comparisons."""

    budget_15_t: float = 80e6  # national CO2 budget, 50 % chance of 1.5 °C
    budget_17_t: float = 285e6  # national CO2 budget, 1.7 °C
    overhead_17_t: float = 55e6  # national overhead in the 1.7 °C budget
    start_year: int = 2024  # S: the year the budget applies from
    share_from: int = 2015  # grandfathering years share_from..L
    trend_from: int = 2015
    deduct_process_emissions: bool = True  # step 1: cement plants


def cemus_2023(series: EmissionSeries, params: CemusParams, current_year: int) -> BudgetBatch:
    e = series.net(params.deduct_process_emissions)  # step 1
    national = national_budget(params.budget_15_t, params.budget_17_t, params.overhead_17_t)
    cols = [j for j, y in enumerate(series.years) if params.share_from <= y]
    sums = e[:, cols].sum(axis=1)
    share = sums / sums.sum()  # step 3
    return _exponential_pipeline(
        series,
        e,
        national * share,
        params.start_year,
        current_year,
        params.trend_from,
        "cemus-2023",
        asdict(params) | {"national_budget_t": national, "current_year": current_year},
    )


@dataclass(frozen=True)
class FixedParams:
    """fixed: a budget the municipality adopted itself, in tonnes from ``start_year``."""

    budget_t: float = 0.0
    start_year: int = 2024
    trend_from: int = 2015
    deduct_process_emissions: bool = False


def fixed(series: EmissionSeries, params: FixedParams, current_year: int) -> BudgetBatch:
    if params.budget_t <= 0:
        raise ValueError("a fixed budget needs budget_t > 0 (tonnes from start_year)")
    e = series.net(params.deduct_process_emissions)
    return _exponential_pipeline(
        series,
        e,
        np.full(len(series.keys), float(params.budget_t)),
        params.start_year,
        current_year,
        params.trend_from,
        "fixed",
        asdict(params) | {"current_year": current_year},
    )


# ---- carbon-law ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CarbonLawParams:
    """carbon-law: the national comparison's method as published today (Klimatkollen, 2025):
    a path that falls by a fixed share every year from the current year, against the
    median-regression trend through the last recorded year."""

    reduction_rate: float = 0.1172
    trend_from: int = 2015  # first year of the trend and of the historical change
    deduct_process_emissions: bool = False  # the published method takes SMHI's totals as they are


def carbon_law(series: EmissionSeries, params: CarbonLawParams, current_year: int) -> BudgetBatch:
    """The six steps of docs/emissions.md ("carbon-law") for every municipality at once."""
    e = series.net(params.deduct_process_emissions)
    last, c = series.last_year, current_year
    if c >= END_YEAR:
        raise ValueError(f"a carbon-law path needs years after {c}: start it before {END_YEAR}")
    e_last = e[:, -1]
    rows = np.arange(len(e))

    # Step 1: the LAD line over trend_from..L, moved through E_L; its values floored at zero.
    trend = fit_lad(series.years, e, params.trend_from, last).shifted_through(last, e_last)
    a = trend.slope

    def floored(years: np.ndarray) -> np.ndarray:  # E_L + a (y - L): no large calendar years
        return np.maximum(e_last[:, None] + a[:, None] * (years - last)[None, :], 0.0)

    # Step 2: the path from C, starting at the recorded E_C (C <= L) or the approximated one.
    e_c = e[:, series.column(c)] if c <= last else floored(np.array([c]))[:, 0]
    years = np.arange(c, END_YEAR + 1)
    path = e_c[:, None] * (1.0 - params.reduction_rate) ** (years - c)[None, :]
    budget = path.sum(axis=1)

    # Step 3: the floored trend's sum over C..2050 against the path's.
    trend_path = floored(years)
    trend_total = trend_path.sum(axis=1)

    # Step 4: where a falling line through E_L reaches zero, t = L - E_L / slope.
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(a < 0, last - e_last / a, np.nan)
    ok = np.isfinite(t) & (t >= 1) & (t < 10_000)
    whole = np.where(ok, np.floor(np.where(ok, t, 0.0)), 1970)
    net_zero = dates_from(whole, np.where(ok, t - whole, np.nan))

    # Step 5: the compound yearly rate from trend_from to L, in percent.
    e_first = e[:, series.column(params.trend_from)]
    with np.errstate(divide="ignore", invalid="ignore"):
        historical = 100.0 * ((e_last / e_first) ** (1.0 / (last - params.trend_from)) - 1.0)

    # Not a published figure: the budget runs out within the year whose trend value takes the
    # running sum from C past it, the fraction of that year being what was left over its value.
    cum = np.cumsum(trend_path, axis=1)
    over = cum > budget[:, None]
    first = np.argmax(over, axis=1)
    before = np.where(first > 0, cum[rows, first - 1], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = (budget - before) / trend_path[rows, first]
    runs_out = np.where(over.any(axis=1), frac, np.nan)

    return BudgetBatch(
        method="carbon-law",
        keys=series.keys,
        unit=series.unit,
        parameters=asdict(params) | {"current_year": c},
        budget_t=budget,
        budget_start_year=c,
        required_reduction_pct=np.full(len(e), 100.0 * params.reduction_rate),
        budget_runs_out=dates_from(c + first, runs_out),
        net_zero_date=net_zero,
        historical_change_pct=historical,
        trend=trend,  # step 6: the fitted slope, in t per year
        paris_years=tuple(int(y) for y in years),
        paris_path=path,
        trend_years=tuple(int(y) for y in years),
        trend_path=trend_path,
        trend_total_t=trend_total,
        meets_goal=trend_total <= budget,
    )


# ---- registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetMethod:
    name: str
    title: str
    params_type: type
    run: Callable[..., BudgetBatch]

    @property
    def description(self) -> str:
        return (self.params_type.__doc__ or "").strip()

    def parameters(self) -> dict[str, Any]:
        return {f.name: f.default for f in fields(self.params_type)}

    def __call__(self, series: EmissionSeries, current_year: int, **params: Any) -> BudgetBatch:
        unknown = set(params) - {f.name for f in fields(self.params_type)}
        if unknown:
            raise ValueError(f"{self.name} has no parameter(s) {sorted(unknown)}")
        return self.run(series, self.params_type(**params), current_year)


METHODS: dict[str, BudgetMethod] = {
    m.name: m
    for m in (
        BudgetMethod("cemus-2023", "CEMUS 2023 (Parisavtalet, 1,5 °C)", CemusParams, cemus_2023),
        BudgetMethod("carbon-law", "Koldioxidlagen (−11,72 % per år)", CarbonLawParams, carbon_law),
        BudgetMethod("fixed", "Egen antagen budget", FixedParams, fixed),
    )
}


def compute(method: str, series: EmissionSeries, current_year: int, **params: Any) -> BudgetBatch:
    """Run the named method for every municipality in ``series``."""
    try:
        chosen = METHODS[method]
    except KeyError:
        raise ValueError(
            f"unknown budget method {method!r}; choose one of {sorted(METHODS)}"
        ) from None
    return chosen(series, current_year, **params)


def years_of_budget(budget_t: float, yearly_t: float) -> float | None:
    """How many years a remaining budget lasts at a constant yearly emission (the contract
    cities' pooled figure in the national report); None without emissions or when it is spent."""
    if not (np.isfinite(budget_t) and np.isfinite(yearly_t)) or yearly_t <= 0 or budget_t <= 0:
        return None
    return float(budget_t / yearly_t)
