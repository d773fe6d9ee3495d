"""A map of Sweden's 290 municipalities coloured by one figure of the comparison: a Vega-Lite
choropleth drawn from the outlines in data/municipalities.geojson (source and licence in
data/README.md), rendered to SVG with the house style of web/charts.py."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import altair as alt
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from klimatkontrakt.comparison.columns import Column
from klimatkontrakt.comparison.selectors import ComparisonRow
from klimatkontrakt.web import charts
from klimatkontrakt.web.templatetags.kk import num

OUTLINES = Path(__file__).parent / "data" / "municipalities.geojson"
MAP_HEIGHT = 560
NO_FIGURE = "#d9d9d9"  # light grey: no figure (said in the caption as well)
# The marks carry no ARIA of their own (aria=False): the SVG is one image named by its title,
# and the table on the page holds every figure.
CLASSES = 5
# Viridis in five steps, light to dark: each step differs from its neighbour for colour-blind
# readers too.
COLOURS = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"]


@functools.cache
def outlines() -> dict[str, Any]:
    return dict(json.loads(OUTLINES.read_text(encoding="utf-8")))


def title(column: Column) -> str:
    unit = f" ({column.unit})" if str(column.unit) else ""
    return f"{column.label}{unit}"


def classes(numbers: list[float], decimals: int) -> list[tuple[float, float, str]]:
    """Up to CLASSES classes of about equal count (quantiles): (lowest, highest, label), the
    label in the interface language's number format."""
    ordered = sorted(numbers)
    if not ordered:
        return []
    n = min(CLASSES, len(set(ordered)))
    bounds = [ordered[round(i * (len(ordered) - 1) / n)] for i in range(n + 1)]
    out: list[tuple[float, float, str]] = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        if out and low == out[-1][1] and high == low:
            continue
        out.append((low, high, f"{num(low, decimals)} – {num(high, decimals)}"))
    return out


def map_svg(rows: list[ComparisonRow], column: Column, language: str = "sv") -> SafeString:
    """The choropleth of `column`: classes of about equal count, darker is more; municipalities
    without the figure in light grey (the caption says so)."""
    found = {
        r.code: float(r.values[column.key].value)
        for r in rows
        if isinstance(r.values[column.key].value, int | float)
        and not isinstance(r.values[column.key].value, bool)
    }
    bins = classes(list(found.values()), column.decimals)
    values = []
    for code, v in found.items():
        label = next((lab for _low, high, lab in bins if v <= high), bins[-1][2])
        values.append({"code": code, "class": label})
    shapes = alt.Data(values=outlines()["features"])
    base = (
        alt.Chart(shapes)
        .mark_geoshape(fill=NO_FIGURE, stroke="#ffffff", strokeWidth=0.3, aria=False)
        .project(type="mercator")
    )
    labels = [lab for _low, _high, lab in bins]
    coloured = (
        alt.Chart(shapes)
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.3, aria=False)
        .transform_lookup(
            lookup="properties.code",
            from_=alt.LookupData(alt.Data(values=values), key="code", fields=["class"]),
        )
        .transform_filter("isValid(datum['class'])")
        .encode(
            color=alt.Color(
                "class:N",
                scale=alt.Scale(domain=labels, range=COLOURS[: len(labels)]),
                legend=charts.legend(title=str(column.unit) or str(column.label)),
            )
        )
        .project(type="mercator")
    )
    chart = alt.layer(base, coloured).properties(width=charts.WIDTH, height=MAP_HEIGHT)
    label = _("Map of Sweden's municipalities coloured by %(figure)s") % {"figure": title(column)}
    return charts.to_svg(chart, title=label, language=language)
