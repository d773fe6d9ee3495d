"""The data behind each chart on the emissions page, as `Table`s: the page draws them and the
CSV/XLSX downloads serve the very same rows."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.emissions import methods, selectors
from klimatkontrakt.emissions.models import Release
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.sectors import sector_label

CHARTS = ("history", "budget", "gap", "comparison")


def _num(x: float) -> float | None:
    return None if not np.isfinite(x) else round(float(x), 1)


def history(release: Release, muni: Municipality) -> Table:
    h = selectors.sector_history(release, muni)
    rows = [
        {"year": y, "sector": sector_label(s), "tonnes": _num(h.values[i, j])}
        for j, y in enumerate(h.years)
        for i, s in enumerate(h.sectors)
    ]
    return Table(
        key="history",
        title=_("Emissions by sector, %(name)s (%(unit)s)")
        % {"name": muni.name, "unit": selectors.unit_of(release)},
        source=release.label,
        columns=[
            ("year", _("Year")),
            ("sector", _("Sector")),
            ("tonnes", selectors.unit_of(release)),
        ],
        rows=rows,
    )


def budget(
    release: Release,
    muni: Municipality,
    user: Any,
    method: str,
    current_year: int | None,
) -> tuple[Table, dict[str, Any]]:
    figures = selectors.municipality_budget(
        muni, method=method, gas=release.gas, current_year=current_year, user=user
    )
    h = selectors.sector_history(release, muni)
    label_history = _("Recorded (SMHI)")
    label_trend = _("Trend (business as usual)")
    label_path = _("Budget path (%(method)s)") % {"method": methods.label(method)}
    rows: list[dict[str, Any]] = [
        {"year": y, "series": label_history, "tonnes": _num(v)}
        for y, v in zip(h.years, h.total, strict=True)
        if y >= 2010
    ]
    rows += [
        {"year": int(y), "series": label_trend, "tonnes": _num(v)}
        for y, v in figures["trend_path"].items()
    ]
    rows += [
        {"year": int(y), "series": label_path, "tonnes": _num(v)}
        for y, v in figures["paris_path"].items()
    ]
    goal = selectors.first_goal(user, muni, release.gas)
    if goal is not None:
        gap = selectors.goal_gap_for(release, muni, goal)
        rows += [
            {"year": y, "series": goal.name, "tonnes": _num(v)}
            for y, v in zip(gap.years, gap.path_total, strict=True)
        ]
    source = f"{release.label}; {_('method')} {methods.label(method)}"
    # The title promises a goal only when one is drawn.
    title = (
        _("Trend, budget path and goal, %(name)s (%(unit)s)")
        if goal is not None
        else _("Trend and budget path, %(name)s (%(unit)s)")
    )
    table = Table(
        key="budget",
        title=title % {"name": muni.name, "unit": figures["unit"]},
        source=source,
        columns=[("year", _("Year")), ("series", _("Series")), ("tonnes", figures["unit"])],
        rows=rows,
    )
    return table, figures


def gap(release: Release, muni: Municipality, user: Any) -> Table | None:
    goal = selectors.first_goal(user, muni, release.gas)
    if goal is None:
        return None
    g = selectors.goal_gap_for(release, muni, goal)
    end = goal.target_year
    rows = [
        {
            "year": y,
            "sector": sector_label(s),
            "bau": _num(g.bau[i, j]),
            "path": _num(g.path[i, j]),
            "gap": _num(g.gap[i, j]),
        }
        for j, y in enumerate(g.years)
        if y <= end
        for i, s in enumerate(g.sectors)
    ]
    return Table(
        key="gap",
        title=_("Gap between the trend and the goal “%(goal)s” by sector (%(unit)s)")
        % {"goal": goal.name, "unit": selectors.unit_of(release)},
        source=release.label,
        columns=[
            ("year", _("Year")),
            ("sector", _("Sector")),
            ("bau", _("Trend")),
            ("path", _("Goal path")),
            ("gap", _("Gap")),
        ],
        rows=rows,
        note=_(
            "The goal path falls in a straight line from the last recorded year to the target; "
            "every sector takes the same percentage cut. Positive gap: reductions still to find."
        ),
    )


def comparison(release: Release, muni: Municipality) -> Table:
    years = list(release.years)
    base_year = 2015 if 2015 in years else years[0]
    b = years.index(base_year)
    series = selectors.municipality_series(release)
    areas: list[tuple[str, np.ndarray]] = [
        (muni.name, series.values[series.keys.index(muni.code)]),
        (muni.county.name, selectors.area_total(release, county_id=muni.county_id)),
        (_("Sweden"), selectors.area_total(release)),
    ]
    for other in selectors.similar_municipalities(release, muni):
        areas.append((other.name, series.values[series.keys.index(other.code)]))
    rows = []
    for name, values in areas:
        for j, y in enumerate(years):
            if y < base_year:
                continue
            index = 100 * values[j] / values[b] if values[b] else np.nan
            rows.append({"year": y, "area": name, "index": _num(index), "tonnes": _num(values[j])})
    return Table(
        key="comparison",
        title=_("Change since %(year)s (index %(year)s = 100)") % {"year": base_year},
        source=release.label,
        columns=[
            ("year", _("Year")),
            ("area", _("Area")),
            ("index", _("Index")),
            ("tonnes", selectors.unit_of(release)),
        ],
        rows=rows,
        note=_(
            "Similar municipalities: the five whose total emissions in the last year are "
            "closest to this municipality's."
        ),
    )


def table(
    key: str,
    release: Release,
    muni: Municipality,
    user: Any,
    method: str,
    current_year: int | None,
) -> Table | None:
    if key == "history":
        return history(release, muni)
    if key == "budget":
        return budget(release, muni, user, method, current_year)[0]
    if key == "gap":
        return gap(release, muni, user)
    if key == "comparison":
        return comparison(release, muni)
    return None
