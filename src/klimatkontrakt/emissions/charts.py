"""Vega-Lite specs for the emissions page, drawn from the rows in emissions.tables."""

from __future__ import annotations

import altair as alt
import pandas as pd

from klimatkontrakt.documents.tables import Table

WIDTH = 640


def _frame(table: Table) -> pd.DataFrame:
    return pd.DataFrame([r for r in table.rows if all(v is not None for v in r.values())])


def history(table: Table) -> alt.Chart:
    unit = table.columns[-1][1]
    return (
        alt.Chart(_frame(table))
        .mark_area()
        .encode(
            x=alt.X("year:O", title=table.columns[0][1]),
            y=alt.Y("tonnes:Q", stack=True, title=unit),
            color=alt.Color("sector:N", title=table.columns[1][1]),
            order=alt.Order("sector:N"),
        )
        .properties(width=WIDTH, height=300)
    )


def lines(table: Table, value: str, group: str) -> alt.Chart:
    labels = dict(table.columns)
    return (
        alt.Chart(_frame(table))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=labels["year"]),
            y=alt.Y(f"{value}:Q", title=labels[value]),
            color=alt.Color(f"{group}:N", title=labels[group]),
            strokeDash=alt.StrokeDash(f"{group}:N", legend=None),
        )
        .properties(width=WIDTH, height=300)
    )


def gap(table: Table) -> alt.Chart:
    labels = dict(table.columns)
    return (
        alt.Chart(_frame(table))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=labels["year"]),
            y=alt.Y("gap:Q", stack=True, title=labels["gap"]),
            color=alt.Color("sector:N", title=labels["sector"]),
        )
        .properties(width=WIDTH, height=300)
    )
