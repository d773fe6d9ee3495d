"""Charts people can read: legends, temporal year axes, goals and the budget's end drawn, SVGs that
scale to their box with text that stays readable at 390 px, and every chart's table and downloads.

Checked on the demo's pages (what a visitor gets) and on the Vega-Lite specs behind them."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest

from klimatkontrakt.emissions import charts as emission_charts
from klimatkontrakt.emissions import selectors as emission_selectors
from klimatkontrakt.emissions import tables as emission_tables
from klimatkontrakt.footprint import charts as footprint_charts
from klimatkontrakt.footprint import selectors as footprint_selectors
from klimatkontrakt.indicators import charts as indicator_charts
from klimatkontrakt.indicators import selectors as indicator_selectors
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.investments import charts as investment_charts
from klimatkontrakt.investments import selectors as investment_selectors
from klimatkontrakt.investments import tables as investment_tables
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.reports import charts as report_charts
from klimatkontrakt.reports.models import FollowUpReport
from klimatkontrakt.web import charts as web_charts

pytestmark = pytest.mark.django_db

# The chart's box at a 390 px screen: the page's side padding is 1rem on each side.
BOX_AT_390 = 390 - 2 * 16

PAGES = [
    "/kommun/1780/utslapp/",
    "/kommun/1780/utslapp/?gas=GGT",
    "/kommun/1780/utslapp/?gas=GGT&method=carbon-law",
    "/kommun/1780/inkop/",
]

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def _page_svgs(client: Any, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return SVG.findall(response.content.decode())


def _plan_paths() -> list[str]:
    """The first indicator's page and the investment plan's pages: ids differ between databases."""
    indicator = Indicator.objects.filter(municipality__code="1780").order_by("pk").first()
    plan = InvestmentPlan.objects.filter(municipality__code="1780").first()
    assert indicator is not None and plan is not None
    base = f"/kommun/1780/investeringsplan/{plan.pk}/"
    return [f"/kommun/1780/indikatorer/{indicator.pk}/", base, base + "finansiering/"]


def _specs(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The spec and its layers (a layer's encodings are where the axes are)."""
    out = [spec]
    for layer in spec.get("layer", []):
        out += _specs(layer)
    return out


def _values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for s in _specs(spec) for row in (s.get("data") or {}).get("values", [])]


def assert_readable(chart: Any, *, series: int | None = None) -> dict[str, Any]:
    """A chart's rules, on its Vega-Lite spec: a temporal x axis wherever the chart is over
    years, and a legend wherever it shows more than one series."""
    spec = web_charts.theme(chart).to_dict()
    encodings = [s.get("encoding", {}) for s in _specs(spec)]
    for enc in encodings:
        x = enc.get("x", {})
        if x.get("field") in ("year", "date"):
            assert x["type"] == "temporal", x
            assert x.get("timeUnit") == "utcyear", x
    colours = [enc["color"] for enc in encodings if "field" in enc.get("color", {})]
    if series is not None and series > 1:
        assert colours, "a chart with several series colours them"
        assert all(c.get("legend", {}) is not None for c in colours), "…and has a legend"
        field = colours[0]["field"]
        names = {r[field] for r in _values(spec) if field in r}
        domain = (colours[0].get("scale") or {}).get("domain") or []
        assert len(names | set(domain)) >= series
        svg = web_charts.to_svg(chart, title="t")
        assert "role-legend" in svg
    return spec


def _svg_root(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - the SVG our own page just rendered


def test_page_svgs_scale_to_their_box_and_keep_text_readable_at_390(demo, client):
    """viewBox, no width/height on the root; every text at least 11 px when the SVG is drawn
    into the 358 px box of a 390 px screen."""
    seen = 0
    for path in PAGES + _plan_paths():
        for svg in _page_svgs(client, path):
            root = _svg_root(svg)
            assert "width" not in root.attrib and "height" not in root.attrib, path
            view = [float(v) for v in root.attrib["viewBox"].split()]
            assert view[2] <= web_charts.MAX_WIDTH, (path, view)
            scale = min(1.0, BOX_AT_390 / view[2])
            sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
            assert sizes, path
            assert min(sizes) * scale >= web_charts.MIN_TEXT_PX, (path, min(sizes), view)
            seen += 1
    assert seen >= 10


def test_emission_charts_have_temporal_years_legends_and_say_the_budget_is_spent(demo, client):
    muni = Municipality.objects.get(code="1780")
    release = emission_selectors.current_release("GGT")
    history = emission_tables.history(release, muni)
    assert_readable(
        emission_charts.history(history), series=len({r["sector"] for r in history.rows})
    )
    table, figures = emission_tables.budget(release, muni, None, "cemus-2023", None)
    series = {r["series"] for r in table.rows}
    assert len(series) >= 3
    spec = assert_readable(emission_charts.budget(table, figures), series=len(series))
    # The demo's GGT budget from 2026 is already spent: no path, and the chart says so.
    assert figures["budget_t"] < 0
    notes = [r["note"] for r in _values(spec) if "note" in r]
    assert notes == [["Ingen budgetbana:", f"budgeten tog slut {figures['budget_runs_out'][:4]}"]]
    html = client.get("/kommun/1780/utslapp/?gas=GGT").content.decode()
    assert "Ingen budgetbana:" in html and "budgeten tog slut" in html
    gap = emission_tables.gap(release, muni, None)
    assert gap is not None
    assert_readable(emission_charts.gap(gap), series=len({r["sector"] for r in gap.rows}))
    comparison = emission_tables.comparison(release, muni)
    assert_readable(
        emission_charts.lines(comparison, "index", "area"),
        series=len({r["area"] for r in comparison.rows}),
    )


def test_years_stand_at_their_true_distances(demo):
    """1990, 2000, 2005 and 2022–2026 on one axis: the gap 1990→2000 is twice 2000→2005 and
    ten times 2022→2023 (an ordinal axis puts them all one step apart)."""
    rows = [
        {"year": y, "series": "Utsläpp", "tonnes": 100.0 - i}
        for i, y in enumerate([1990, 2000, 2005, 2022, 2023, 2024, 2025, 2026])
    ]
    from klimatkontrakt.documents.tables import Table

    table = Table(
        key="t",
        title="t",
        source="s",
        columns=[("year", "År"), ("series", "Serie"), ("tonnes", "t")],
        rows=rows,
    )
    svg = web_charts.to_svg(emission_charts.lines(table, "tonnes", "series"), title="t")
    # Each point of the line is a symbol named with its year, placed by translate(x, y).
    x = {
        int(year): float(pos)
        for year, pos in re.findall(
            r'aria-label="År: (\d{4});[^"]*" role="graphics-symbol"[^>]*translate\(([\d.]+),', svg
        )
    }
    assert set(x) == {1990, 2000, 2005, 2022, 2023, 2024, 2025, 2026}
    assert x[2000] - x[1990] == pytest.approx(2 * (x[2005] - x[2000]), rel=0.01)
    assert x[2000] - x[1990] == pytest.approx(10 * (x[2023] - x[2022]), rel=0.01)
    assert x[2022] - x[2005] == pytest.approx(17 * (x[2026] - x[2025]), rel=0.01)


def test_budget_path_that_falls_to_nothing_is_said_to_be_spent():
    figures = {
        "budget_t": 1000.0,
        "budget_runs_out": None,
        "paris_path": {"2026": 5000.0, "2027": 2.0, "2028": 0.001},
    }
    assert emission_charts.budget_note(figures) == (
        "Budgeten är slut: banan är nära noll från 2027"
    )
    figures["paris_path"] = {"2026": 5000.0, "2027": 4000.0, "2028": 3200.0}
    assert emission_charts.budget_note(figures) == ""
    assert emission_charts.budget_note({"budget_t": -5.0, "budget_runs_out": None}) == (
        "Ingen budgetbana: budgeten är slut"
    )


def test_budget_chart_promises_a_goal_only_when_it_draws_one(demo):
    muni = Municipality.objects.get(code="1780")
    co2 = emission_selectors.current_release("CO2")
    table, _figures = emission_tables.budget(co2, muni, None, "cemus-2023", None)
    assert emission_selectors.first_goal(None, muni, "CO2") is None
    assert "mål" not in table.title.lower()
    ggt = emission_selectors.current_release("GGT")
    table, _figures = emission_tables.budget(ggt, muni, None, "cemus-2023", None)
    goal = emission_selectors.first_goal(None, muni, "GGT")
    assert goal is not None and "mål" in table.title.lower()
    assert any(r["series"] == goal.name for r in table.rows)


def test_investment_charts_name_band_goal_and_series(demo):
    plan = InvestmentPlan.objects.filter(municipality__code="1780").first()
    summary = investment_selectors.plan_summary(plan)
    pathway = investment_tables.pathway_table(summary)
    spec = assert_readable(investment_charts.pathway_chart(summary, pathway), series=2)
    domain = next(
        e["color"]["scale"]["domain"]
        for e in (s.get("encoding", {}) for s in _specs(spec))
        if "field" in e.get("color", {})
    )
    assert "Mål" in domain  # the goal's diamond is in the legend, not a bare mark
    if any(r["p10_t"] is not None for r in pathway.rows):
        assert "Intervall P10–P90" in domain
    macc = investment_tables.macc_table(summary)
    spec = assert_readable(investment_charts.macc_chart(summary, macc), series=len(macc.rows))
    if summary.co2e_value_sek_per_t is not None:
        assert any("Värde per ton CO2e" in r.get("label", "") for r in _values(spec))
    funding = investment_tables.funding_table(summary)
    assert_readable(
        investment_charts.funding_chart(funding), series=len({r["source"] for r in funding.rows})
    )


def test_indicator_footprint_and_report_charts(demo):
    muni = Municipality.objects.get(code="1780")
    from klimatkontrakt.indicators.models import Indicator

    indicator = Indicator.objects.filter(municipality=muni, targets__isnull=False).first()
    summary = indicator_selectors.summarise(indicator)
    spec = assert_readable(indicator_charts.indicator_chart(summary), series=2)
    series = {r["series"] for r in _values(spec)}
    assert {"Värde", "Målvärde"} <= series  # the target is drawn, as the title promises

    ledger = footprint_selectors.current_ledger(None, muni)
    assert ledger is not None
    by_year = footprint_charts.overview_charts(footprint_selectors.footprint(ledger), "/x", "sv")[2]
    assert by_year.id == "by-year" and "role-legend" in by_year.svg  # calculated and trend

    report = FollowUpReport.objects.filter(municipality=muni).order_by("-year").first()
    data = report.data
    emissions = report_charts.emissions_chart(data["emissions"])
    assert_readable(emissions, series=2)
    for ind in data["indicators"]:
        if any(r["value"] is not None for r in ind["rows"]):
            assert_readable(report_charts.indicator_chart(ind), series=1)
    pngs = report_charts.report_charts(data, "sv")
    from PIL import Image

    for png in pngs.values():
        width, _height = Image.open(io.BytesIO(png)).size
        # Drawn at scale 2: at most MAX_WIDTH CSS px (11.9 cm) wide, narrower than an A4 page.
        assert width <= 2 * web_charts.MAX_WIDTH


def test_every_chart_keeps_its_table_in_swedish_numbers_and_its_downloads(demo, client):
    for path in PAGES + _plan_paths():
        html = client.get(path).content.decode()
        figures = re.findall(r'<figure class="chart".*?</figure>', html, re.S)
        assert figures, path
        for figure in figures:
            assert "<table>" in figure, path
            cells = re.findall(r'<td class="num">([^<]*)</td>', figure)
            big = [c for c in cells if len(c.replace("\u00a0", "").replace(",", "")) > 4]
            for cell in big:  # 12 345,6: a no-break space between thousands, a decimal comma
                assert re.fullmatch(r"-?\d{1,3}(\u00a0\d{3})*(,\d+)?", cell), (path, cell)
            links = re.findall(r'href="([^"]+format=(?:csv|xlsx))"', figure)
            assert {link.rsplit("=", 1)[1] for link in links} == {"csv", "xlsx"}, path
            for link in links:
                response = client.get(link.replace("&amp;", "&"))
                assert response.status_code == 200, link
                if link.endswith("xlsx"):
                    assert openpyxl.load_workbook(io.BytesIO(response.content)).active.max_row > 1
                else:
                    text = response.content.decode("utf-8-sig")
                    assert len(list(csv.reader(io.StringIO(text), delimiter=";"))) > 1
