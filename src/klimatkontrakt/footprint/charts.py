"""Charts of a footprint result (presentation only; the rows come from footprint.tables)."""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.footprint.tables import category_rows, department_rows, year_rows
from klimatkontrakt.web.charts import WIDTH, PageChart, dated, legend, page_chart, year_x

TOP = 15


def _bar(rows: list[dict[str, Any]], key: str, label: str) -> alt.Chart:
    data = rows[:TOP]
    return (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("t:Q", title=_("tonnes CO2e")),
            # No axis title: the chart's caption names the categories, and their long names
            # need the room (fit() narrows the bars instead).
            y=alt.Y(f"{key}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            tooltip=[
                alt.Tooltip(f"{key}:N", title=label),
                alt.Tooltip("t:Q", title=_("tonnes CO2e")),
            ],
        )
        .properties(width=WIDTH - 60, height=max(120, 22 * len(data)))
    )


def overview_charts(result: dict[str, Any], download: str, language: str) -> list[PageChart]:
    source = _("Ledger lines × emission factors (see the factor table); example data if labelled")
    cats, deps, years = category_rows(result), department_rows(result), year_rows(result)
    series = legend(_("Series"))
    line = (
        alt.Chart(alt.Data(values=dated(years)))
        .mark_line(point=True)
        .encode(
            x=year_x(_("Year"), (r["year"] for r in years)),
            y=alt.Y("t:Q", title=_("tonnes CO2e")),
            color=alt.Color("series:N", title=_("Series"), legend=series),
            strokeDash=alt.StrokeDash("series:N", title=_("Series"), legend=series),
        )
        .properties(width=WIDTH, height=240)
    )
    return [
        page_chart(
            _bar(cats, "category", _("Category")),
            id="by-category",
            title=_("Emissions by purchase category"),
            source=source,
            columns=[
                ("category", _("Category")),
                ("t", _("Tonnes CO2e")),
                ("spend_sek", _("Spend (SEK)")),
                ("basis", _("Basis")),
            ],
            rows=cats,
            download_url=f"{download}?table=categories",
            language=language,
            decimals=1,
        ),
        page_chart(
            _bar(deps, "department", _("Department")),
            id="by-department",
            title=_("Emissions by department"),
            source=source,
            columns=[
                ("department", _("Department")),
                ("t", _("Tonnes CO2e")),
                ("share_pct", _("Share (%)")),
                ("spend_sek", _("Spend (SEK)")),
            ],
            rows=deps,
            download_url=f"{download}?table=departments",
            language=language,
            decimals=1,
        ),
        page_chart(
            line,
            id="by-year",
            title=_("Emissions per year and business-as-usual trend to 2030"),
            source=source + ". " + _("Trend: least-squares line through the calculated years."),
            columns=[
                ("year", _("Year")),
                ("series", _("Series")),
                ("t", _("Tonnes CO2e")),
                ("change_pct", _("Change from previous year (%)")),
            ],
            rows=years,
            download_url=f"{download}?table=years",
            language=language,
            decimals=1,
        ),
    ]
