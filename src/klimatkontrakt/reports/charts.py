"""The report's charts, drawn from the gathered (frozen) data only: they re-render identically."""

from __future__ import annotations

import base64
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.web.charts import to_png


def _lines(long: list[dict[str, Any]], unit: str, domain: list[str]) -> alt.TopLevelMixin:
    x = alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(zero=False))
    y = alt.Y("amount:Q", title=unit)
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=domain),
        legend=alt.Legend(orient="bottom", labelLimit=500, columns=1),
    )
    return (
        alt.Chart(alt.Data(values=long))
        .mark_line(point=True)
        .encode(x=x, y=y, color=colour)
        .properties(width=560, height=260)
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
    if budget:
        label = _("Budget path (%(method)s)") % {"method": budget["method"]}
        domain.append(label)
        long += [
            {"year": int(y), "amount": v, "series": label}
            for y, v in budget["paris_path"].items()
            if v is not None
        ]
    return _lines(long, emissions["unit"], domain)


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
