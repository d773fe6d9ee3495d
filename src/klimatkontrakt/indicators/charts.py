"""The indicator chart: measured values, target values and the trend line."""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.indicators.selectors import IndicatorSummary
from klimatkontrakt.indicators.tables import chart_rows
from klimatkontrakt.web.charts import HEIGHT, WIDTH, dated, legend, year_x


def indicator_chart(summary: IndicatorSummary) -> alt.TopLevelMixin:
    value_label, target_label, trend_label = _("Value"), _("Target"), _("Trend line")
    long: list[dict[str, Any]] = []
    for row in chart_rows(summary):
        for key, label in (
            ("value", value_label),
            ("target", target_label),
            ("trend", trend_label),
        ):
            if row[key] is not None:
                long.append({"year": row["year"], "amount": row[key], "series": label})
    data = alt.Data(values=dated(long))
    domain = [value_label, target_label, trend_label]
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=[s for s in domain if any(r["series"] == s for r in long)]),
        legend=legend(),
    )
    x = year_x(_("Year"), (r["year"] for r in long))
    y = alt.Y("amount:Q", title=summary.indicator.unit)
    base = alt.Chart(data).encode(x=x, y=y, color=colour)
    values = base.transform_filter(alt.datum.series == value_label).mark_line(point=True)
    targets = base.transform_filter(alt.datum.series == target_label).mark_point(
        shape="diamond", size=120, filled=True
    )
    trend = base.transform_filter(alt.datum.series == trend_label).mark_line(strokeDash=[6, 4])
    return alt.layer(values, trend, targets).properties(width=WIDTH, height=HEIGHT)
