"""Indicators: one row per published indicator and year, as the indicator's page table shows it.

Every figure comes from `indicators.selectors.summarise`, the function behind the indicator's
page, its downloads and the follow-up report: the value (total, and women and men where the
source splits it), the target, the trend line and the indicator's status by the documented rule.
An SMHI indicator's values are the emission inventory's (the emissions page's totals).
Only published indicators (`visible_indicators` for an anonymous reader); each value names its
provenance. Indicators with demo values are marked `example_data`.

Licence CC BY 4.0: the values are the municipalities' own, Kolada's (RKA) and SMHI's open
figures, each named in `provenance`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from klimatkontrakt.calc.indicators import Status
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.selectors import summarise, visible_indicators
from klimatkontrakt.indicators.tables import assessment_label
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.organisations.models import Municipality

NOT_ASSESSED = "not_assessed"
_TREND_DECIMALS = 6  # as the page's table and downloads round the trend line

FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field(
        "indicator_id",
        "integer",
        "Indikatorns id i tjänsten (samma som i API:t /api/indicators/<id>/).",
        "The indicator's id in the service (as in the API, /api/indicators/<id>/).",
        required=True,
    ),
    Field("indicator_name", "string", "Indikatorns namn.", "The indicator's name.", required=True),
    Field(
        "unit",
        "string",
        "Indikatorns enhet; gäller value, value_women, value_men, target och trend.",
        "The indicator's unit; it applies to value, value_women, value_men, target and trend.",
        required=True,
    ),
    Field(
        "direction",
        "string",
        "up = högre är bättre, down = lägre är bättre.",
        "up = higher is better, down = lower is better.",
        required=True,
        enum=tuple(Indicator.Direction.values),
    ),
    Field(
        "source_kind",
        "string",
        "Varifrån värdena kommer: manual = inmatade för hand, kolada = Kolada-nyckeltal, "
        "smhi = SMHI:s utsläppsstatistik, footprint = beräknat ur inköpens klimatavtryck, "
        "plan = beräknat ur en handlingsplan, national = den nationella jämförelsen.",
        "Where the values come from: manual = entered by hand, kolada = a Kolada KPI, "
        "smhi = SMHI's emission inventory, footprint = computed from the purchase footprint, "
        "plan = computed from an action plan, national = the national comparison.",
        required=True,
        enum=tuple(Indicator.SourceKind.values),
    ),
    Field(
        "kolada_kpi",
        "string",
        "Kolada-nyckeltalets id (t.ex. N07702) för en Kolada-indikator.",
        "The Kolada KPI id (e.g. N07702) of a Kolada indicator.",
    ),
    Field("year", "integer", "Året.", "The year.", required=True),
    Field(
        "value",
        "number",
        "Årets värde (totalt); tomt för ett år med bara målvärde eller trend.",
        "The year's value (total); empty for a year with only a target or a trend value.",
    ),
    Field(
        "value_women",
        "number",
        "Årets värde för kvinnor, där källan delar upp det.",
        "The year's value for women, where the source splits it.",
    ),
    Field(
        "value_men",
        "number",
        "Årets värde för män, där källan delar upp det.",
        "The year's value for men, where the source splits it.",
    ),
    Field("target", "number", "Årets målvärde.", "The year's target value."),
    Field(
        "trend",
        "number",
        "Trendlinjens värde det året (minsta kvadrat-anpassning genom de uppmätta värdena), "
        "som indikatorns status bygger på.",
        "The trend line's value that year (least squares through the observed values), on "
        "which the indicator's status rests.",
    ),
    Field(
        "provenance",
        "string",
        "Varifrån årets värde kommer (källa, adress eller SMHI-utgåva).",
        "Where the year's value comes from (source, address or SMHI release).",
    ),
    Field(
        "status",
        "string",
        "Indikatorns status nu, densamma på alla dess rader: on_track = i fas, at_risk = "
        "risk att missa målet, off_track = ur fas, not_assessed = inte bedömd (inget mål "
        "eller färre än två uppmätta år).",
        "The indicator's current status, the same on each of its rows: on_track, at_risk "
        "(may miss the target), off_track, not_assessed (no target or fewer than two observed "
        "years).",
        required=True,
        enum=(*(s.value for s in Status), NOT_ASSESSED),
    ),
    Field("status_label_sv", "string", "Statusen på svenska.", "The status in Swedish."),
    Field(
        "example_data",
        "boolean",
        "Sant när indikatorns värden är påhittade exempeldata, inte verkliga siffror.",
        "True when the indicator's values are invented example data, not real figures.",
        required=True,
    ),
)


def _indicator_rows(m: Municipality, indicator: Indicator) -> Iterator[dict[str, Any]]:
    summary = summarise(indicator)
    status = summary.assessment.status
    with translation.override("sv"):
        label = assessment_label(status)
    for r in summary.rows:
        yield {
            "municipality_code": m.code,
            "municipality_name": m.name,
            "indicator_id": indicator.pk,
            "indicator_name": indicator.name,
            "unit": indicator.unit,
            "direction": indicator.direction,
            "source_kind": indicator.source_kind,
            "kolada_kpi": indicator.kolada_kpi,
            "year": r.year,
            "value": r.value,
            "value_women": r.women,
            "value_men": r.men,
            "target": r.target,
            "trend": None if r.trend is None else round(r.trend, _TREND_DECIMALS),
            "provenance": r.provenance,
            "status": str(status) if status else NOT_ASSESSED,
            "status_label_sv": label,
            "example_data": indicator.is_example,
        }


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    public = AnonymousUser()
    if municipality is not None:
        found = [municipality]
    else:
        found = list(
            Municipality.objects.filter(indicators__is_published=True).distinct().order_by("code")
        )
    for m in found:
        for indicator in visible_indicators(public, m).select_related("municipality"):
            yield from _indicator_rows(m, indicator)


DATASET = Dataset(
    key="indicators",
    title_sv="Indikatorer",
    title_en="Indicators",
    description_sv=(
        "Kommunernas publicerade indikatorer för klimatarbetet med värden, målvärden och "
        "trend per år, enhet, riktning och status (i fas, risk, ur fas). En rad är en "
        "indikator ett år."
    ),
    description_en=(
        "The municipalities' published climate indicators with values, targets and trend per "
        "year, unit, direction and status (on track, at risk, off track). One row is one "
        "indicator in one year."
    ),
    fields=FIELDS,
    rows=rows,
    primary_key=("municipality_code", "indicator_id", "year"),
    themes=("ENVI", "GOVE"),
    frequency="ANNUAL",
    source_sv=(
        "Kommunernas egna indikatorer; värdena från kommunerna själva, Kolada (RKA), SMHI:s "
        "nationella emissionsdatabas och tjänstens egna beräkningar, med källan på varje rad."
    ),
    source_en=(
        "The municipalities' own indicators; values from the municipalities, Kolada (RKA), "
        "SMHI's national emissions database and the service's own computations, with the "
        "source on each row."
    ),
    year_field="year",
    keywords_sv=("indikatorer", "nyckeltal", "uppföljning", "målvärden"),
    keywords_en=("indicators", "KPIs", "follow-up", "targets"),
)
