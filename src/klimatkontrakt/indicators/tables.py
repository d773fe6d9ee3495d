"""Indicators as `Table`s: the rows behind an indicator's chart and the CSV/XLSX downloads of one
indicator and of a municipality's list. Only reshaping of `selectors.summarise`."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Column, Table
from klimatkontrakt.indicators.selectors import IndicatorSummary
from klimatkontrakt.organisations.models import Municipality


def assessment_label(status: Any) -> str:
    """An indicator's status (on track, at risk, off track) as words; the page, the download
    and the report all say it with this."""
    labels = {
        "on_track": _("On track"),
        "at_risk": _("At risk"),
        "off_track": _("Off track"),
    }
    return labels.get(str(status), _("Not assessed")) if status else _("Not assessed")


def sources_text(summary: IndicatorSummary) -> str:
    sources = sorted({r.provenance for r in summary.rows if r.provenance})
    return "; ".join(sources) or _("no values yet")


def chart_rows(summary: IndicatorSummary) -> list[dict[str, Any]]:
    """The rows behind the chart, as shown in its table and downloads."""
    return [
        {
            "year": r.year,
            "value": r.value,
            "target": r.target,
            "trend": None if r.trend is None else round(r.trend, 6),
        }
        for r in summary.rows
    ]


def chart_columns(unit: str) -> list[Column]:
    return [
        ("year", _("Year")),
        ("value", _("Value (%(unit)s)") % {"unit": unit}),
        ("target", _("Target (%(unit)s)") % {"unit": unit}),
        ("trend", _("Trend line (%(unit)s)") % {"unit": unit}),
    ]


def values_table(summary: IndicatorSummary) -> Table:
    """The chart's rows, each with the provenance of its value."""
    indicator = summary.indicator
    return Table(
        key=f"indikator-{indicator.pk}-{slugify(indicator.name)}",
        title=indicator.name,
        columns=[*chart_columns(indicator.unit), ("provenance", _("Provenance"))],
        rows=[
            {**row, "provenance": r.provenance}
            for row, r in zip(chart_rows(summary), summary.rows, strict=True)
        ],
        source=sources_text(summary),
    )


def _list_row(summary: IndicatorSummary) -> dict[str, Any]:
    a = summary.assessment
    return {
        "name": summary.indicator.name,
        "unit": summary.indicator.unit,
        "latest_year": summary.latest_year,
        "latest_value": summary.latest_value,
        "target_year": a.target_year,
        "target_value": a.target_value,
        "expected_value": None if a.expected_value is None else round(a.expected_value, 6),
        "status": assessment_label(a.status),
        "source": summary.indicator.get_source_kind_display(),
    }


def list_table(municipality: Municipality, summaries: list[IndicatorSummary]) -> Table:
    """A municipality's indicators, one row each: latest value, target and status."""
    return Table(
        key=f"indikatorer-{slugify(municipality.name)}",
        title=_("Indicators"),
        columns=[
            ("name", _("Indicator")),
            ("unit", _("Unit")),
            ("latest_year", _("Latest year")),
            ("latest_value", _("Latest value")),
            ("target_year", _("Target year")),
            ("target_value", _("Target value")),
            ("expected_value", _("Expected by the trend")),
            ("status", _("Status")),
            ("source", _("Source")),
        ],
        rows=[_list_row(s) for s in summaries],
    )
