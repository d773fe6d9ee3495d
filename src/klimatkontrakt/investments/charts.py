"""Altair charts of the plan, drawn from the same tables that are offered for download."""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.investments.selectors import PlanSummary


def pathway_chart(summary: PlanSummary, table: Table) -> alt.TopLevelMixin:
    df = alt.Data(values=table.rows)
    names = {"bau_t": _("BAU"), "pathway_t": _("With the measures")}
    if any(r.get("budget_path_t") is not None for r in table.rows):
        names["budget_path_t"] = _("Budget path")
    lines = alt.Data(
        values=[
            {"year": r["year"], "series": label, "t": r[key]}
            for r in table.rows
            for key, label in names.items()
        ]
    )
    x = alt.X("year:O", title=_("Year"))
    band = (
        alt.Chart(df)
        .mark_area(opacity=0.25, color="#56B4E9")
        .encode(x=x, y=alt.Y("p10_t:Q", title=_("t CO2e per year")), y2="p90_t:Q")
    )
    line = (
        alt.Chart(lines)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("t:Q", title=_("t CO2e per year")),
            color=alt.Color("series:N", title=None),
            strokeDash=alt.StrokeDash("series:N", title=None),
        )
    )
    layers: list[alt.Chart] = [band, line]
    plan = summary.plan
    if plan.goal_year is not None and plan.goal_level_t is not None:
        goal = alt.Data(values=[{"year": plan.goal_year, "t": float(plan.goal_level_t)}])
        layers.append(
            alt.Chart(goal)
            .mark_point(shape="diamond", size=120, filled=True, color="#000000")
            .encode(x=x, y="t:Q")
        )
    return alt.layer(*layers).properties(width=620, height=300)


def macc_chart(summary: PlanSummary, table: Table) -> alt.TopLevelMixin:
    df = alt.Data(values=table.rows)
    bars = (
        alt.Chart(df)
        .mark_rect(stroke="#ffffff")
        .encode(
            x=alt.X("x_start:Q", title=_("Reduction potential (t CO2e per year)")),
            x2="x_end:Q",
            y=alt.Y("cost_sek_per_t:Q", title=_("SEK per t CO2e")),
            y2=alt.datum(0),
            color=alt.Color("name:N", title=_("Measure"), sort=None),
        )
    )
    layers: list[alt.Chart] = [bars]
    if summary.co2e_value_sek_per_t is not None:
        ref = alt.Data(values=[{"v": summary.co2e_value_sek_per_t}])
        layers.append(alt.Chart(ref).mark_rule(strokeDash=[6, 3], color="#000000").encode(y="v:Q"))
    return alt.layer(*layers).properties(width=620, height=320)


def funding_chart(table: Table) -> alt.Chart:
    df = alt.Data(values=table.rows)
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=_("Year")),
            y=alt.Y("amount_sek:Q", title=_("SEK"), stack=True),
            color=alt.Color("source:N", title=_("Funding source")),
        )
        .properties(width=620, height=280)
    )
