"""The public comparison of all 290 municipalities: a table sorted and filtered on the server
(GET parameters, so it works without JavaScript), a map of one chosen figure, and downloads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from klimatkontrakt.comparison import overview
from klimatkontrakt.comparison.columns import BY_KEY, COLUMNS, MAPPABLE, SIZE_CLASSES
from klimatkontrakt.comparison.map import map_svg, title
from klimatkontrakt.comparison.selectors import ComparisonRow, comparison_rows
from klimatkontrakt.documents.tables import FORMATS, download
from klimatkontrakt.organisations.models import County
from klimatkontrakt.web.cache import cached_national_html

DEFAULT_FIGURE = "consumption_t_per_capita"


def _figure(request: HttpRequest) -> str:
    figure = request.GET.get("figure", DEFAULT_FIGURE)
    return figure if figure in BY_KEY and BY_KEY[figure].mappable else DEFAULT_FIGURE


def _sources(rows: list[ComparisonRow]) -> dict[str, str]:
    """Per column, the files its figures come from (the same for every row that has them)."""
    out: dict[str, str] = {}
    for column in COLUMNS:
        found = {str(s) for r in rows for s in r.values[column.key].sources}
        out[column.key] = "; ".join(sorted(found))
    return out


def page(request: HttpRequest) -> HttpResponse:
    query = overview.query_from(request.GET)
    figure = _figure(request)
    language = get_language() or "sv"

    def content() -> str:
        rows = comparison_rows()
        shown_rows = overview.select(rows, query)
        column = BY_KEY[figure]
        sources = _sources(rows)
        table = [
            {
                "row": r,
                "cells": [
                    (c, overview.shown(c, r.values[c.key]), r.values[c.key]) for c in COLUMNS
                ],
            }
            for r in shown_rows
        ]
        return render_to_string(
            "comparison/page.html#content",
            {
                "query": query,
                "figure": figure,
                "columns": COLUMNS,
                "mappable": MAPPABLE,
                "sizes": SIZE_CLASSES,
                "counties": County.objects.order_by("name"),
                "table": table,
                "total": len(rows),
                "map_source": sources[figure],
                "notes": [(c, sources[c.key]) for c in COLUMNS],
                "map": map_svg(shown_rows, column, language),
                "map_title": title(column),
                "filter_query": _filter_query(query),
                "formats": FORMATS,
            },
            request,
        )

    html = cached_national_html(request, "comparison:page", content, query, figure)
    return render(request, "comparison/page.html", {"content": html})


def _filter_query(query: overview.Query) -> str:
    """The filters as a query string, kept by the sort links and the downloads."""
    parts = []
    if query.county:
        parts.append(f"county={query.county}")
    if query.contract:
        parts.append("contract=1")
    if query.size:
        parts.append(f"size={query.size}")
    return "&".join(parts)


def data(request: HttpRequest) -> HttpResponse:
    """The shown rows (same filters and order as the page) as CSV for Swedish Excel, CSV with
    commas and points, or XLSX: every figure with its source file and edition."""
    query = overview.query_from(request.GET)
    rows = overview.select(comparison_rows(), query)
    return download(overview.download_table(rows), request.GET.get("format", "csv"))
