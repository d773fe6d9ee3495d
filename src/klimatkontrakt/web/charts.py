"""Charts: Vega-Lite specs built with altair, rendered server-side to SVG or PNG (documents).

Every chart on a page comes with its data as a table and CSV/XLSX downloads (see web/chart.html),
so the figures are readable without the picture (WCAG 1.1.1) and reusable as open data.
"""

import re
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


def theme(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure_range(category=PALETTE)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#222", titleColor="#222")
        .configure_legend(labelFontSize=12, titleFontSize=12)
        .configure_view(stroke=None)
    )


def to_svg(chart: alt.TopLevelMixin, *, title: str, language: str = "sv") -> SafeString:
    spec = theme(chart).to_json()
    svg = vlc.vegalite_to_svg(spec, format_locale=SV_LOCALE if language.startswith("sv") else None)
    label = escape(title)
    # Make the picture an accessible image with a name; the data table beside it carries detail.
    svg = re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}"', svg, count=1)
    svg = re.sub(r"(<svg[^>]*>)", rf"\1<title>{label}</title>", svg, count=1)
    return mark_safe(svg)  # noqa: S308 - rendered by vl-convert from our own spec, title escaped


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2.0, language: str = "sv") -> bytes:
    spec = theme(chart).to_json()
    return vlc.vegalite_to_png(
        spec, scale=scale, format_locale=SV_LOCALE if language.startswith("sv") else None
    )


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
