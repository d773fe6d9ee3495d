"""Vega-Lite specs for the emissions page, drawn from the rows in emissions.tables.

Years are a temporal axis and every chart with several series has a legend (web/charts.py)."""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.web.charts import (
    BAR,
    HEIGHT,
    WIDTH,
    dated,
    legend,
    near_zero_from,
    note,
    year_x,
)


def _rows(table: Table) -> list[dict[str, Any]]:
    return dated(r for r in table.rows if all(v is not None for v in r.values()))


def history(table: Table) -> alt.Chart:
    labels = dict(table.columns)
    rows = _rows(table)
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_area()
        .encode(
            x=year_x(labels["year"], (r["year"] for r in rows)),
            y=alt.Y("tonnes:Q", stack=True, title=labels["tonnes"]),
            color=alt.Color("sector:N", title=labels["sector"], legend=legend(labels["sector"])),
            order=alt.Order("sector:N"),
        )
        .properties(width=WIDTH, height=HEIGHT)
    )


def lines(table: Table, value: str, group: str) -> alt.Chart:
    labels = dict(table.columns)
    rows = _rows(table)
    key = legend(labels[group])
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True)
        .encode(
            x=year_x(labels["year"], (r["year"] for r in rows)),
            y=alt.Y(f"{value}:Q", title=labels[value]),
            # One legend for colour and dash: the same field, title and legend on both.
            color=alt.Color(f"{group}:N", title=labels[group], legend=key),
            strokeDash=alt.StrokeDash(f"{group}:N", title=labels[group], legend=key),
        )
        .properties(width=WIDTH, height=HEIGHT)
    )


def budget_note(figures: dict[str, Any] | None) -> str:
    """What the chart says where the budget path would end: a budget already spent has no path,
    and a path that falls to (almost) nothing within a year means the budget is spent then."""
    if not figures:
        return ""
    runs_out = str(figures.get("budget_runs_out") or "")[:4]
    if figures.get("budget_t") is not None and figures["budget_t"] <= 0:
        if runs_out:
            return _("No budget path: the budget was spent in %(year)s") % {"year": runs_out}
        return _("No budget path: the budget is spent")
    year = near_zero_from((int(y), v) for y, v in (figures.get("paris_path") or {}).items())
    if year is not None:
        return _("Budget spent: the path is near zero from %(year)s") % {"year": year}
    return ""


def budget(table: Table, figures: dict[str, Any] | None) -> alt.TopLevelMixin:
    """Recorded emissions, trend, budget path and goal path, with the budget's end said in words
    in the chart where the path falls to nothing or is missing."""
    chart = lines(table, "tonnes", "series")
    message = budget_note(figures)
    if not message:
        return chart
    labels = dict(table.columns)
    rows = [r for r in table.rows if r["tonnes"] is not None]
    text = note(
        message,
        year=max((r["year"] for r in rows), default=2050),
        value=max((r["tonnes"] for r in rows), default=0),
        x_title=labels["year"],
        y_title=labels["tonnes"],
        y="tonnes",
    )
    return alt.layer(chart, text)


def gap(table: Table) -> alt.Chart:
    labels = dict(table.columns)
    rows = _rows(table)
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(**BAR)
        .encode(
            x=year_x(labels["year"], (r["year"] for r in rows), bars=True),
            y=alt.Y("gap:Q", stack=True, title=labels["gap"]),
            color=alt.Color("sector:N", title=labels["sector"], legend=legend(labels["sector"])),
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
