from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatkontrakt.indicators import selectors
from klimatkontrakt.indicators.charts import chart_columns, chart_rows, indicator_chart
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.charts import page_chart
from klimatkontrakt.web.downloads import table_response
from klimatkontrakt.web.pages import municipality_context


def _list_columns() -> list[tuple[str, str]]:
    return [
        ("name", _("Indicator")),
        ("unit", _("Unit")),
        ("latest_year", _("Latest year")),
        ("latest_value", _("Latest value")),
        ("target_year", _("Target year")),
        ("target_value", _("Target value")),
        ("expected_value", _("Expected by the trend")),
        ("status", _("Status")),
        ("source", _("Source")),
    ]


def _list_row(summary: selectors.IndicatorSummary) -> dict[str, Any]:
    a = summary.assessment
    return {
        "name": summary.indicator.name,
        "unit": summary.indicator.unit,
        "latest_year": summary.latest_year,
        "latest_value": summary.latest_value,
        "target_year": a.target_year,
        "target_value": a.target_value,
        "expected_value": None if a.expected_value is None else round(a.expected_value, 6),
        "status": status_label(a.status),
        "source": summary.indicator.get_source_kind_display(),
    }


def status_label(status: Any) -> str:
    labels = {
        "on_track": _("On track"),
        "at_risk": _("At risk"),
        "off_track": _("Off track"),
    }
    return labels.get(str(status), _("Not assessed")) if status else _("Not assessed")


def indicator_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    summaries = [selectors.summarise(i) for i in selectors.visible_indicators(request.user, muni)]
    fmt = request.GET.get("format")
    if fmt:
        return table_response(
            f"indikatorer-{slugify(muni.name)}",
            _list_columns(),
            [_list_row(s) for s in summaries],
            fmt,
        )
    return render(
        request,
        "indicators/indicator_list.html",
        municipality_context(
            request, muni, "indicators", summaries=summaries, status_label=status_label
        ),
    )


def indicator_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    summary = selectors.summarise(selectors.indicator_for(request.user, muni, pk))
    indicator = summary.indicator
    rows = chart_rows(summary)
    columns = chart_columns(indicator.unit)
    fmt = request.GET.get("format")
    if fmt:
        provenance_columns = [*columns, ("provenance", _("Provenance"))]
        full = [
            {**row, "provenance": r.provenance} for row, r in zip(rows, summary.rows, strict=True)
        ]
        return table_response(
            f"indikator-{indicator.pk}-{slugify(indicator.name)}",
            provenance_columns,
            full,
            fmt,
            source=_sources_text(summary),
        )
    chart = page_chart(
        indicator_chart(summary),
        id=f"indicator-{indicator.pk}",
        title=indicator.name,
        source=_sources_text(summary),
        columns=columns,
        rows=rows,
        download_url=reverse("indicators:detail", args=[muni.code, indicator.pk]),
        language=get_language() or "sv",
        decimals=summary.decimals,
    )
    return render(
        request,
        "indicators/indicator_detail.html",
        municipality_context(
            request,
            muni,
            "indicators",
            summary=summary,
            indicator=indicator,
            chart=chart,
            status=status_label(summary.assessment.status),
        ),
    )


def _sources_text(summary: selectors.IndicatorSummary) -> str:
    sources = sorted({r.provenance for r in summary.rows if r.provenance})
    return "; ".join(sources) or _("no values yet")
