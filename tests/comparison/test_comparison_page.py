"""The comparison of all municipalities: its one selector, the page (sort, filters, map, nulls
with their reasons, both languages), the ranks on a municipality's start page, the API and the
downloads, on the real national files in ../shared/data/kpis and the demo's SMHI GGT release."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from xml.etree import ElementTree

import openpyxl
import pytest
from django.core.management import call_command

from klimatkontrakt.comparison import overview
from klimatkontrakt.comparison.columns import BY_KEY, COLUMNS, RANKED
from klimatkontrakt.comparison.selectors import comparison_rows
from klimatkontrakt.emissions.demo import load_demo_emissions
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
from klimatkontrakt.web import charts

pytestmark = pytest.mark.django_db

YEAR = date.today().year
CONTRACT = ["1780", "0180", "1480"]  # Karlstad, Stockholm, Göteborg marked as contract cities
NO_CHARGE_POINT = "evs_per_charge_point"  # one municipality has no public charging point
BOX_AT_390 = 390 - 2 * 16  # as tests/web/test_charts.py: the chart's box on a 390 px screen


@pytest.fixture(scope="module")
def loaded(module_db, kpi_dir):  # type: ignore[no-untyped-def]
    import_municipalities(BUNDLED_CODE_LIST)
    Municipality.objects.filter(code__in=CONTRACT).update(in_climate_contract=True)
    load_demo_emissions()
    call_command("import_kpis", str(kpi_dir), stdout=io.StringIO())


@pytest.fixture(scope="module")
def rows(loaded):  # type: ignore[no-untyped-def]
    return comparison_rows(YEAR)


def _command_json(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command(*args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def _text(html: bytes) -> str:
    """The page's visible text: no tags, no attribute values, no SVG."""
    page = html.decode()
    page = re.sub(r"<svg\b.*?</svg>", " ", page, flags=re.S)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", page))  # keeps no-break spaces


def _names(html: bytes) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/kommun/\d{4}/">([^<]+)</a>', html.decode())


# ---- the selector -------------------------------------------------------------------------


def test_karlstads_figures_are_the_commands_figures(rows):
    karlstad = next(r for r in rows if r.code == "1780")
    budget = next(
        f
        for f in _command_json(
            "budget", "--all", "--method", "carbon-law", "--gas", "GGT", "--current-year", str(YEAR)
        )
        if f["municipality"] == "1780"
    )
    for key in ("budget_t", "trend_total_t", "meets_goal", "net_zero_date"):
        assert karlstad.value(key) == budget[key], key
    assert karlstad.value("historical_change_pct") == budget["historical_change_pct"]
    assert karlstad.value("trend_slope") == budget["trend"]["slope"]
    smhi = karlstad.values["budget_t"].sources[0]
    assert (smhi.file, smhi.edition) == (budget["source"]["file_name"], budget["source"]["release"])

    kpis = next(f for f in _command_json("kpis", "1780") if f["municipality"] == "1780")
    for key in ("consumption_t_per_capita", "evs_per_charge_point", "cycle_lane_m_per_capita"):
        assert round(karlstad.value(key), 3) == kpis[key], key
        files = [s.as_dict() for s in karlstad.values[key].sources]
        assert files == kpis["source"][key], key
    assert round(karlstad.value("consumption_t_per_capita"), 3) == 5.314
    assert karlstad.value("population") > 90_000 and karlstad.size_class == "large"
    assert karlstad.values["population"].sources[0].publisher == "SCB"
    assert karlstad.in_climate_contract and (karlstad.county_code, len(rows)) == ("17", 290)


def test_every_figure_has_a_value_or_a_reason_and_its_sources(rows):
    for row in rows:
        for column in COLUMNS:
            value = row.values[column.key]
            assert value.value is not None or value.reason, (row.code, column.key)
            assert value.sources, (row.code, column.key)


# ---- sorting, filters and ranks -----------------------------------------------------------


def test_filters_keep_only_what_they_name(rows):
    county = overview.select(rows, overview.Query(county="17"))
    assert county and {r.county_code for r in county} == {"17"}
    contract = overview.select(rows, overview.Query(contract=True))
    assert sorted(r.code for r in contract) == sorted(CONTRACT)
    large = overview.select(rows, overview.Query(size="city"))
    assert {r.name for r in large} >= {"Stockholm", "Göteborg", "Malmö"}
    assert all(r.value("population") >= 200_000 for r in large)


def test_sort_by_a_figure_keeps_municipalities_without_it_last_both_ways(rows):
    for order in ("asc", "desc"):
        found = overview.select(rows, overview.Query(sort=NO_CHARGE_POINT, order=order))
        numbers = [r.value(NO_CHARGE_POINT) for r in found]
        assert numbers[-1] is None and None not in numbers[:-1]
        assert numbers[:-1] == sorted(numbers[:-1], reverse=order == "desc")


def test_names_sort_in_swedish_order(rows):
    names = [r.name for r in overview.select(rows, overview.Query(county="17"))]
    assert names.index("Årjäng") > names.index("Torsby")  # å after t, not before a
    assert names[0] == "Arvika"


def test_ranks_count_the_municipalities_with_a_better_figure(rows):
    ranks = overview.ranks(rows)
    karlstad = next(r for r in rows if r.code == "1780")
    for column in RANKED:
        mine = overview.sort_value(column, karlstad.values[column.key])
        others = [overview.sort_value(column, r.values[column.key]) for r in rows]
        known = [v for v in others if v is not None]
        better = [v for v in known if (v < mine if column.direction == "down" else v > mine)]
        assert ranks["1780"][column.key].position == len(better) + 1, column.key
        assert ranks["1780"][column.key].of == len(known), column.key
    assert ranks["1780"][NO_CHARGE_POINT].of == 289


def test_the_start_page_names_each_rank_with_its_direction(rows, client):
    rank = overview.ranks(rows)["1780"]["consumption_t_per_capita"]
    text = _text(client.get("/kommun/1780/").content)
    assert f"plats {rank.position} av 290 (lägre är bättre)" in text
    assert "Konsumtionsbaserade utsläpp per invånare: 5,31 t CO2e/invånare" in text
    client.cookies["django_language"] = "en"
    english = _text(client.get("/kommun/1780/").content)
    assert f"rank {rank.position} of 290 (lower is better)" in english


# ---- the page -----------------------------------------------------------------------------


def test_the_page_sorts_and_filters_on_the_server(rows, client):
    page = client.get("/jamforelse/?county=17&sort=population&order=desc")
    assert page.status_code == 200
    query = overview.Query(county="17", sort="population", order="desc")
    want = [r.name for r in overview.select(rows, query)]
    assert _names(page.content) == want and want[0] == "Karlstad"
    assert 'aria-sort="descending"' in page.content.decode()
    contract = _names(client.get("/jamforelse/?contract=1").content)
    assert sorted(contract) == ["Göteborg", "Karlstad", "Stockholm"]
    ignored = client.get("/jamforelse/?county=<b>&sort=drop&order=up&figure=x")
    assert ignored.status_code == 200 and len(_names(ignored.content)) == 290


def test_a_missing_figure_shows_a_dash_and_its_reason(rows, client):
    row = next(r for r in rows if r.value(NO_CHARGE_POINT) is None)
    reason = row.values[NO_CHARGE_POINT].reason
    assert reason == "ingen publik laddpunkt"
    page = client.get(f"/jamforelse/?county={row.county_code}").content.decode()
    cell = re.search(rf">{re.escape(row.name)}</a>.*?</tr>", page, re.S)
    assert cell is not None and f'–<br><span class="reason">{reason}</span>' in cell.group(0)
    api = client.get(f"/api/comparison/{row.code}").json()["figures"][NO_CHARGE_POINT]
    assert (api["value"], api["reason"], api["rank"]) == (None, reason, None)


def test_swedish_page_has_no_codes_or_english_and_english_page_is_english(loaded, client):
    text = _text(client.get("/jamforelse/?sort=budget_t").content)
    assert "Jämförelse av alla kommuner" in text and "Återstående koldioxidbudget" in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)
    for english in ("Remaining carbon budget", "lower is better", "Population", "County"):
        assert english not in text
    assert "Lägre är bättre." in text and "Källa: SMHI Nationella emissionsdatabasen" in text
    client.cookies["django_language"] = "en"
    text = _text(client.get("/jamforelse/?sort=budget_t").content)
    assert "Comparison of all municipalities" in text and "Remaining carbon budget" in text
    assert "Återstående" not in text and "Lägre är bättre" not in text
    # Units too: the English page says "per resident", never the Swedish "invånare".
    for swedish in ("invånare", "procentenheter", "laddpunkt", "t CO2e/år"):
        assert swedish not in text, swedish
    assert "t CO2e/resident" in text and "m/resident" in text


def test_numbers_follow_the_interface_language(rows, client):
    karlstad = next(r for r in rows if r.code == "1780")
    budget = karlstad.value("budget_t")
    sv = _text(client.get("/jamforelse/?county=17").content)
    assert f"{round(budget):,}".replace(",", "\u00a0") in sv
    client.cookies["django_language"] = "en"
    en = _text(client.get("/jamforelse/?county=17").content)
    assert f"{round(budget):,}" in en


def test_the_map_draws_the_chosen_figure_readably_with_its_text_alternative(rows, client):
    html = client.get("/jamforelse/?figure=cycle_lane_m_per_capita").content.decode()
    svg = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert svg is not None
    root = ElementTree.fromstring(svg.group(0))  # noqa: S314 - the page we just rendered
    assert root.attrib["role"] == "img" and "Cykelnät per invånare" in root.attrib["aria-label"]
    assert "width" not in root.attrib and "viewBox" in root.attrib
    view = [float(v) for v in root.attrib["viewBox"].split()]
    assert view[2] <= charts.MAX_WIDTH
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg.group(0))]
    assert min(sizes) * min(1.0, BOX_AT_390 / view[2]) >= charts.MIN_TEXT_PX
    assert "role-legend" in svg.group(0) and "m/invånare" in svg.group(0)
    assert html.count("<path") > 290  # every outline drawn
    assert 'id="comparison-caption"' in html  # the table stays on the page beside the map


def test_the_page_is_cached_until_a_municipality_or_a_national_file_changes(loaded, client):
    assert "Kontraktsstad" not in _names_and_badges(client, "0114")
    vasby = Municipality.objects.get(code="0114")
    vasby.in_climate_contract = True
    vasby.save()
    assert "Kontraktsstad" in _names_and_badges(client, "0114")


def _names_and_badges(client, code: str) -> str:  # type: ignore[no-untyped-def]
    page = client.get("/jamforelse/?county=01").content.decode()
    found = re.search(rf'href="/kommun/{code}/">.*?</th>', page, re.S)
    assert found is not None
    return found.group(0)


# ---- API and downloads --------------------------------------------------------------------


def test_api_downloads_and_page_read_the_same_rows(rows, client):
    query = "county=17&sort=evs_per_charge_point&order=desc"
    api = client.get(f"/api/comparison/?{query}").json()
    want = overview.select(rows, overview.query_from(dict(p.split("=") for p in query.split("&"))))
    assert [r["municipality"] for r in api] == [r.code for r in want]
    assert _names(client.get(f"/jamforelse/?{query}").content) == [r.name for r in want]

    body = client.get(f"/jamforelse/data/?format=csv&{query}").content
    assert body.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header, lines = table[0], table[1:]
    assert [line[0] for line in lines] == [r["municipality"] for r in api]
    karlstad_api = next(r for r in api if r["municipality"] == "1780")["figures"]
    line = next(line for line in lines if line[0] == "1780")
    budget = line[header.index("Återstående koldioxidbudget (t CO2e)")]
    assert float(budget.replace(",", ".")) == karlstad_api["budget_t"]["value"]
    assert "," in budget  # decimal comma for Swedish Excel
    source = line[header.index("Källa: Återstående koldioxidbudget")]
    assert (
        "demo-smhi-ggt-klimatkollen.csv" in source
        and karlstad_api["budget_t"]["sources"][0]["edition"] in source
    )

    api_xlsx = client.get(f"/api/comparison/download?format=xlsx&{query}")
    sheet = openpyxl.load_workbook(io.BytesIO(api_xlsx.content)).active
    cells = list(sheet.iter_rows(values_only=True))
    assert [c[0] for c in cells[1 : len(lines) + 1]] == [line[0] for line in lines]
    xlsx_karlstad = next(c for c in cells if c[0] == "1780")
    evs = cells[0].index("Laddbara fordon per publik laddpunkt (fordon/laddpunkt)")
    assert xlsx_karlstad[evs] == pytest.approx(karlstad_api[NO_CHARGE_POINT]["value"], rel=1e-14)


def test_one_municipality_in_the_api_has_its_ranks(rows, client):
    answer = client.get("/api/comparison/1780")
    assert answer.status_code == 200
    figures = answer.json()["figures"]
    ranks = overview.ranks(rows)["1780"]
    for column in RANKED:
        assert figures[column.key]["rank"] == ranks[column.key].position
        assert figures[column.key]["of"] == ranks[column.key].of
    assert figures["historical_change_pct"]["better"] == "lower"
    assert "rank" not in figures["budget_t"]
    assert client.get("/api/comparison/9999").status_code == 404
    assert client.get("/api/comparison/abc").status_code == 422


def test_api_refuses_unknown_filters_naming_each(loaded, client):
    answer = client.get("/api/comparison/?county=x&size=huge&sort=drop&order=up")
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"county", "size", "sort", "order"}
    assert client.get("/api/comparison/download?format=pdf").status_code == 422
    schema = client.get("/api/openapi.json").json()["paths"]
    assert 422 in {int(c) for c in schema["/api/v1/comparison/"]["get"]["responses"]}


def test_every_column_is_explained_on_the_page(loaded, client):
    text = _text(client.get("/jamforelse/").content)
    for column in COLUMNS:
        assert str(column.label) in text
        assert str(column.sentence) in text
    assert str(BY_KEY["population"].unit) in text
