"""Charts: Vega-Lite specs built with altair, rendered server-side to SVG or PNG (documents).

Every chart on a page comes with its data as a table and CSV/XLSX downloads (see web/chart.html),
so the figures are readable without the picture (WCAG 1.1.1) and reusable as open data.

The rules every chart follows (docs/decisions.md, "Charts"):
- a chart with more than one series has a legend (`legend()`, below the plot so it does not
  widen the picture), its series named in the interface language;
- years are a temporal axis (`year_x()` on rows passed through `dated()`): 1990, 2005 and
  2022 stand at their true distances;
- the SVG has a viewBox and no width or height, so it scales to its container; every chart is
  drawn at most `MAX_WIDTH` user units wide with `FONT_SIZE` text, so that at a 390 px wide
  screen (about 358 px for the chart) no text is smaller than 11 px
  (14 × 358 / 450 ≈ 11.1). `fit()` narrows a chart whose axes make it wider.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert as vlc
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from klimatkontrakt.documents.tables import Table

# Colour-blind-safe palette (Okabe–Ito) with sufficient contrast on white.
PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#8C6D31",
    "#999999",
]

SV_LOCALE = {
    "decimal": ",",
    "thousands": "\u00a0",
    "grouping": [3],
    "currency": ["", "\u00a0kr"],
}


# Plot width, text size and the widest picture (plot + axes + legend), in SVG user units.
WIDTH = 330
HEIGHT = 260
FONT_SIZE = 14
MAX_WIDTH = 450
# The narrowest screen the charts are made for, and the smallest text there (CSS px).
NARROW_SCREEN_PX = 390
MIN_TEXT_PX = 11


# vl-convert lays text out with the fonts it finds (the system's, else its bundled Liberation
# Sans). Charts ask for DejaVu Sans, then Verdana (the same widths), wide fonts: measured with
# DejaVu, a label drawn in a browser's DejaVu or Verdana fits where it was measured, and one
# drawn in a narrower fallback (Arial, Helvetica) fits too. Legends stop at LEGEND_LABEL_LIMIT
# and the picture keeps PADDING on both sides for a server without DejaVu.
FONT = "DejaVu Sans, Verdana, sans-serif"
LEGEND_LABEL_LIMIT = 290
PADDING = {"left": 16, "top": 5, "bottom": 5, "right": 24}


def theme(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.properties(padding=PADDING)
        .configure(font=FONT)
        .configure_range(category=PALETTE)
        .configure_axis(
            labelFontSize=FONT_SIZE,
            titleFontSize=FONT_SIZE,
            labelColor="#222",
            titleColor="#222",
            labelLimit=160,
        )
        .configure_legend(
            labelFontSize=FONT_SIZE,
            titleFontSize=FONT_SIZE,
            labelLimit=LEGEND_LABEL_LIMIT,
            symbolOpacity=1,
        )
        .configure_text(fontSize=FONT_SIZE)
        .configure_title(fontSize=FONT_SIZE + 1)
        .configure_view(stroke=None)
    )


def dated(rows: Iterable[dict[str, Any]], field: str = "year") -> list[dict[str, Any]]:
    """The rows with a `date` (1 January of the row's year) for a temporal year axis."""
    return [{**r, "date": f"{int(r[field]):04d}-01-01"} for r in rows if r.get(field) is not None]


def year_x(title: str, years: Iterable[int] = (), *, bars: bool = False) -> alt.X:
    """A temporal x axis of whole years over rows passed through `dated()`. With `bars`, each
    bar (drawn with `BAR`) stands centred on its year's tick."""
    ys = sorted({int(y) for y in years})
    axis: dict[str, Any] = {"format": "%Y", "labelAngle": 0}
    if ys:
        span = ys[-1] - ys[0]
        step = next((s for limit, s in ((8, 1), (16, 2), (30, 5)) if span <= limit), 10)
        axis["tickCount"] = {"interval": "year", "step": step}
    extra: dict[str, Any] = {"bandPosition": 0} if bars else {}
    return alt.X("date:T", timeUnit="utcyear", title=title, axis=alt.Axis(**axis), **extra)


# The bar mark for `year_x(..., bars=True)`: 80 % of a year wide.
BAR: dict[str, Any] = {"width": {"band": 0.8}}


def legend(title: str | None = None, **kw: Any) -> alt.Legend:
    """The legend below the plot, one series a line, so it never widens the picture."""
    return alt.Legend(title=title, orient="bottom", direction="vertical", columns=1, **kw)


def near_zero_from(path: Iterable[tuple[int, float | None]]) -> int | None:
    """The first year a path (a budget path) is below 1 % of its first value: from there the
    budget is spent, which a chart must say rather than show a silent drop to zero."""
    values = sorted((int(y), float(v)) for y, v in path if v is not None)
    if len(values) < 2 or values[0][1] <= 0:
        return None
    return next((y for y, v in values[1:] if v < 0.01 * values[0][1]), None)


def note(
    text: str, *, year: int, value: float, x_title: str, y_title: str, y: str = "t"
) -> alt.Chart:
    """A sentence written into a year chart, right-aligned at `year` and hanging from `value`;
    it breaks after a colon so that it takes half the plot's width."""
    head, colon, tail = text.partition(": ")
    lines = [head + ":", tail] if colon else [text]  # a list of lines is drawn line by line
    return (
        alt.Chart(alt.Data(values=dated([{"year": year, y: value, "note": lines}])))
        .mark_text(align="right", baseline="top", dy=4, color="#222")
        .encode(x=year_x(x_title), y=alt.Y(f"{y}:Q", title=y_title), text="note:N")
    )


def _locale(language: str) -> dict[str, Any] | None:
    return SV_LOCALE if language.startswith("sv") else None


def _svg_size(svg: str) -> tuple[float, float]:
    m = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if m is None:
        raise ValueError("vl-convert's SVG has no viewBox")
    return float(m.group(1)), float(m.group(2))


def fit(chart: alt.TopLevelMixin, language: str = "sv") -> tuple[dict[str, Any], str]:
    """The themed spec and its SVG, narrowed to at most MAX_WIDTH user units where the plot's
    own width allows (long axis labels or legends would otherwise make the text too small)."""
    # No JSON-schema validation of the spec: it took a quarter of a chart's time on every page,
    # and vl-convert reads the same schema when it draws (the chart tests render every chart).
    spec = theme(chart).to_dict(validate=False)
    svg = vlc.vegalite_to_svg(json.dumps(spec), format_locale=_locale(language))
    width, _height = _svg_size(svg)
    plot = spec.get("width")
    if plot is None:  # a layer: its layers share one width
        plot = next((la["width"] for la in spec.get("layer", []) if "width" in la), None)
    # Axis labels move with the width, so the excess is taken off again if a unit or two remain.
    for _attempt in range(3):
        if width <= MAX_WIDTH or not isinstance(plot, (int, float)) or plot <= 160:
            break
        for layer in spec.get("layer", []):
            layer.pop("width", None)
        plot = spec["width"] = max(160, plot - (width - MAX_WIDTH) - 2)
        svg = vlc.vegalite_to_svg(json.dumps(spec), format_locale=_locale(language))
        width, _height = _svg_size(svg)
    # A legend of long names below a plot already at its narrowest: its labels are cut sooner
    # (ending in "…"; the table beside the chart has the whole names).
    legend = spec.get("config", {}).get("legend")
    for _attempt in range(2):
        if width <= MAX_WIDTH or legend is None:
            break
        limit = legend.get("labelLimit", LEGEND_LABEL_LIMIT)
        if limit <= 120:
            break
        legend["labelLimit"] = max(120, int(limit - (width - MAX_WIDTH) - 2))
        svg = vlc.vegalite_to_svg(json.dumps(spec), format_locale=_locale(language))
        width, _height = _svg_size(svg)
    return spec, svg


def responsive(svg: str) -> str:
    """The root <svg> without width and height (it keeps its viewBox): it takes the width of its
    container and keeps its proportions."""
    _svg_size(svg)
    root = re.match(r"<svg\b[^>]*>", svg)
    assert root is not None
    tag = re.sub(r'\s(?:width|height)="[^"]*"', "", root.group(0))
    return tag + svg[root.end() :]


def to_svg(chart: alt.TopLevelMixin, *, title: str, language: str = "sv") -> SafeString:
    _spec, svg = fit(chart, language)
    svg = responsive(svg)
    label = escape(title)
    # Make the picture an accessible image with a name; the data table beside it carries detail.
    svg = re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}"', svg, count=1)
    svg = re.sub(r"(<svg[^>]*>)", rf"\1<title>{label}</title>", svg, count=1)
    return mark_safe(svg)  # noqa: S308 - rendered by vl-convert from our own spec, title escaped


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2.0, language: str = "sv") -> bytes:
    spec, _svg = fit(chart, language)
    return vlc.vegalite_to_png(json.dumps(spec), scale=scale, format_locale=_locale(language))


@dataclass
class Cell:
    value: Any
    numeric: bool
    decimals: int = 0


@dataclass
class PageChart:
    id: str
    title: str
    source: str
    svg: SafeString
    columns: list[tuple[str, str]]
    cells: list[list[Cell]]
    download_url: str = ""


def page_chart(
    chart: alt.TopLevelMixin,
    *,
    id: str,
    title: str,
    source: str,
    columns: list[tuple[str, str]],
    rows: list[dict[str, Any]],
    download_url: str = "",
    language: str = "sv",
    decimals: int = 0,
) -> PageChart:
    """Everything web/chart.html needs: the SVG, its data table and download link."""
    cells = [
        [
            Cell(
                r.get(k),
                isinstance(r.get(k), (int, float))
                and not isinstance(r.get(k), bool)
                and k != "year",
                decimals,
            )
            for k, _ in columns
        ]
        for r in rows
    ]
    return PageChart(
        id=id,
        title=title,
        source=source,
        svg=to_svg(chart, title=title, language=language),
        columns=columns,
        cells=cells,
        download_url=download_url,
    )


def table_chart(
    chart: alt.TopLevelMixin,
    table: Table,
    *,
    download_url: str,
    language: str = "sv",
) -> PageChart:
    """A chart drawn from a `Table`, shown with that table's rows, source and download."""
    return page_chart(
        chart,
        id=f"chart-{table.key}",
        title=table.title,
        source=table.source,
        columns=table.columns,
        rows=table.rows,
        download_url=download_url,
        language=language,
    )
