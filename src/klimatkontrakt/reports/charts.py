"""The report's charts, drawn from the gathered (frozen) data only: they re-render identically."""

from __future__ import annotations

import base64
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.emissions.charts import budget_note
from klimatkontrakt.web.charts import (
    HEIGHT,
    WIDTH,
    dated,
    legend,
    note,
    to_png,
    year_x,
)


def _lines(long: list[dict[str, Any]], unit: str, domain: list[str]) -> alt.Chart:
    x = year_x(_("Year"), (r["year"] for r in long))
    y = alt.Y("amount:Q", title=unit)
    domain = [s for s in domain if any(r["series"] == s for r in long)]
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=domain), legend=legend())
    dash = alt.StrokeDash("series:N", title=None, scale=alt.Scale(domain=domain), legend=legend())
    return (
        alt.Chart(alt.Data(values=dated(long)))
        .mark_line(point=True)
        .encode(x=x, y=y, color=colour, strokeDash=dash)
        .properties(width=WIDTH, height=HEIGHT)
    )


def emissions_chart(emissions: dict[str, Any]) -> alt.TopLevelMixin:
    measured = _("Emissions")
    long = [
        {"year": r["year"], "amount": r["value_t"], "series": measured}
        for r in emissions["series"]
        if r["value_t"] is not None
    ]
    domain = [measured]
    for goal in emissions["goals"]:
        label = _("Goal path: %(name)s") % {"name": goal["name"]}
        domain.append(label)
        long += [
            {"year": r["year"], "amount": r["value_t"], "series": label}
            for r in goal["path"]
            if r["value_t"] is not None
        ]
    budget = emissions.get("budget")
    message = ""
    if budget:
        label = _("Budget path (%(method)s)") % {"method": budget["method"]}
        domain.append(label)
        long += [
            {"year": int(y), "amount": v, "series": label}
            for y, v in budget["paris_path"].items()
            if v is not None
        ]
        message = budget_note(budget)  # the same sentence as on the emissions page
    chart = _lines(long, emissions["unit"], domain)
    if not message or not long:
        return chart
    text = note(
        message,
        year=max(r["year"] for r in long),
        value=max(r["amount"] for r in long),
        x_title=_("Year"),
        y_title=emissions["unit"],
        y="amount",
    )
    return alt.layer(chart, text)


def indicator_chart(indicator: dict[str, Any]) -> alt.TopLevelMixin:
    labels = {"value": _("Value"), "target": _("Target"), "trend": _("Trend line")}
    long = [
        {"year": r["year"], "amount": r[key], "series": label}
        for r in indicator["rows"]
        for key, label in labels.items()
        if r[key] is not None
    ]
    return _lines(long, indicator["unit"], list(labels.values()))


def png(chart: alt.TopLevelMixin, language: str) -> bytes:
    return to_png(chart, language=language)


def data_uri(png_bytes: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")


def report_charts(data: dict[str, Any], language: str) -> dict[str, bytes]:
    """PNG per chart key: "emissions" and "indicator-<id>"."""
    charts: dict[str, bytes] = {}
    if data["emissions"].get("available") and data["emissions"]["series"]:
        charts["emissions"] = png(emissions_chart(data["emissions"]), language)
    for ind in data["indicators"]:
        if any(r["value"] is not None for r in ind["rows"]):
            charts[f"indicator-{ind['id']}"] = png(indicator_chart(ind), language)
    return charts
