"""Altair charts of the plan, drawn from the same tables that are offered for download.

Every series, the uncertainty band and the goal are named in one legend; years are a temporal
axis (web/charts.py)."""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.investments.selectors import PlanSummary
from klimatkontrakt.web.charts import (
    BAR,
    HEIGHT,
    PALETTE,
    WIDTH,
    dated,
    legend,
    near_zero_from,
    note,
    year_x,
)
from klimatkontrakt.web.templatetags.kk import num


def pathway_chart(summary: PlanSummary, table: Table) -> alt.TopLevelMixin:
    rows = dated(table.rows)
    names = {"bau_t": _("BAU"), "pathway_t": _("With the measures")}
    if any(r.get("budget_path_t") is not None for r in table.rows):
        names["budget_path_t"] = _("Budget path")
    if any(r.get("signatories_t") is not None for r in table.rows):
        names["signatories_t"] = _("Reductions by signatories")
    band_label, goal_label = _("P10–P90 band"), _("Goal")
    plan = summary.plan
    has_goal = plan.goal_year is not None and plan.goal_level_t is not None
    has_band = any(r.get("p10_t") is not None for r in table.rows)
    domain = list(names.values()) + ([band_label] if has_band else [])
    domain += [goal_label] if has_goal else []
    colour_range = list(PALETTE[: len(names)])
    colour_range += ["#56B4E9"] if has_band else []
    colour_range += ["#000000"] if has_goal else []
    scale = alt.Scale(domain=domain, range=colour_range)
    x = year_x(_("Year"), (r["year"] for r in table.rows))
    y_title = _("t CO2e per year")
    lines = alt.Data(
        values=[
            {"date": r["date"], "series": label, "t": r[key]}
            for r in rows
            for key, label in names.items()
            if r[key] is not None
        ]
    )
    layers: list[alt.Chart] = []
    if has_band:
        layers.append(
            alt.Chart(alt.Data(values=[r for r in rows if r.get("p10_t") is not None]))
            .mark_area(opacity=0.35)
            .encode(
                x=x,
                y=alt.Y("p10_t:Q", title=y_title),
                y2="p90_t:Q",
                color=alt.ColorDatum(band_label),
            )
        )
    layers.append(
        alt.Chart(lines)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("t:Q", title=y_title),
            color=alt.Color("series:N", scale=scale, legend=legend()),
            strokeDash=alt.StrokeDash("series:N", legend=None),
        )
    )
    if has_goal:
        goal = dated([{"year": plan.goal_year, "t": float(plan.goal_level_t)}])  # type: ignore[arg-type]
        layers.append(
            alt.Chart(alt.Data(values=goal))
            .mark_point(shape="diamond", size=140, filled=True, opacity=1)
            .encode(
                x=x,
                y=alt.Y("t:Q", title=y_title),
                color=alt.ColorDatum(goal_label),
            )
        )
    spent = near_zero_from((r["year"], r.get("budget_path_t")) for r in table.rows)
    if spent is not None:
        top = max((r[k] for r in table.rows for k in names if r[k] is not None), default=0)
        layers.append(
            note(
                _("Budget spent: the path is near zero from %(year)s") % {"year": spent},
                year=max(r["year"] for r in table.rows),
                value=top,
                x_title=_("Year"),
                y_title=y_title,
            )
        )
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)


def macc_chart(summary: PlanSummary, table: Table) -> alt.TopLevelMixin:
    df = alt.Data(values=table.rows)
    x_title, y_title = _("Reduction potential (t CO2e per year)"), _("SEK per t CO2e")
    bars = (
        alt.Chart(df)
        .mark_rect(stroke="#ffffff")
        .encode(
            x=alt.X("x_start:Q", title=x_title),
            x2="x_end:Q",
            y=alt.Y("cost_sek_per_t:Q", title=y_title),
            y2=alt.datum(0),
            color=alt.Color("name:N", title=_("Measure"), sort=None, legend=legend(_("Measure"))),
        )
    )
    layers: list[alt.Chart] = [bars]
    if summary.co2e_value_sek_per_t is not None:
        label = _("Value of a tonne CO2e: %(v)s SEK") % {"v": num(summary.co2e_value_sek_per_t)}
        ref = alt.Data(values=[{"v": summary.co2e_value_sek_per_t, "label": label}])
        rule = alt.Chart(ref).encode(y=alt.Y("v:Q", title=y_title))
        layers.append(rule.mark_rule(strokeDash=[6, 3], color="#000000"))
        layers.append(
            rule.mark_text(align="left", baseline="bottom", dy=-3, x=4, color="#222").encode(
                text="label:N"
            )
        )
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)


def funding_chart(table: Table) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=dated(table.rows)))
        .mark_bar(**BAR)
        .encode(
            x=year_x(_("Year"), (r["year"] for r in table.rows), bars=True),
            y=alt.Y("amount_sek:Q", title=_("SEK"), stack=True),
            color=alt.Color(
                "source:N", title=_("Funding source"), legend=legend(_("Funding source"))
            ),
        )
        .properties(width=WIDTH, height=HEIGHT)
    )
