"""The national comparison from the real public files in ../shared/data/kpis.

Karlstad's published values are the example; other municipalities' ev-share slope and cycle
network per resident are recomputed here in plain Python from the raw cells, independently of
the readers and of the publisher's own calculations."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.utils.timezone import now

from klimatkontrakt.comparison.keys import KEYS
from klimatkontrakt.comparison.models import Figure, SourceFile
from klimatkontrakt.comparison.selectors import national_table
from klimatkontrakt.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from klimatkontrakt.indicators.selectors import summarise
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities

pytestmark = pytest.mark.django_db

SAMPLE = ["1780", "0180", "0114", "2039", "0980", "2506"]  # incl. Upplands Väsby, Gotland


@pytest.fixture(scope="module")
def imported(module_db, kpi_dir):  # type: ignore[no-untyped-def]
    import_municipalities(BUNDLED_CODE_LIST)
    out = io.StringIO()
    call_command("import_kpis", str(kpi_dir), stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def table(imported):  # type: ignore[no-untyped-def]
    return {row.code: row for row in national_table()}


def test_every_file_in_the_folder_is_recognised_and_imported(imported, kpi_dir):
    assert SourceFile.objects.count() == len(list(kpi_dir.iterdir()))
    assert "Skipped" not in imported and "Hoppade" not in imported


def test_karlstad_gives_the_published_values(table):
    karlstad = table["1780"]
    assert round(karlstad.value("consumption_t_per_capita"), 3) == 5.314
    assert round(karlstad.value("ev_share_change_pp_per_year"), 3) == 4.356
    assert round(karlstad.value("evs_per_charge_point"), 3) == 12.754
    assert round(karlstad.value("cycle_lane_m_per_capita"), 3) == 3.021
    assert karlstad.value("climate_plan")["year"] == 2023
    assert karlstad.value("procurement_climate_requirements") == 2


def test_every_municipality_has_a_value_or_a_reason_for_every_key(table):
    assert len(table) == 290
    for row in table.values():
        for key in KEYS:
            found = row.values[key.key]
            assert found.value is not None or found.reason, (row.code, key.key)
            assert found.sources, (row.code, key.key)


def _sheet_rows(path: Path, sheet: str | None = None) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    book.close()
    return rows


def _count(cell: object) -> float:
    return 0.0 if cell in ("-", "–", None) else float(cell)  # type: ignore[arg-type]


def _slope(points: dict[int, float]) -> float:
    xs, ys = list(points), list(points.values())
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def test_ev_share_slope_recomputed_from_the_raw_cells(kpi_dir, table):
    compiled = _sheet_rows(kpi_dir / "kpi1_calculations.xlsx")
    years = compiled[2][1:11]
    assert years == tuple(range(2015, 2025))
    new_cars = _sheet_rows(kpi_dir / "fordon-i-lan-och-kommuner-2025.xlsx", "Tabell 5 Personbil")
    by_code = {f"{r[0]:04d}": r for r in new_cars if isinstance(r[0], int)}
    compiled_by_name = {str(r[0]).replace("-", " "): r for r in compiled[3:] if r[0]}
    for code in SAMPLE:
        compiled_row = compiled_by_name[table[code].name.replace("-", " ")]
        shares = {y: 100 * float(v) for y, v in zip(years, compiled_row[1:11], strict=True)}
        r = by_code[code]  # Kommunkod, Kommun, Bensin, Diesel, El, Elhybrider, Laddhybrider, ...
        shares[2025] = 100 * (_count(r[4]) + _count(r[6])) / _count(r[10])
        assert table[code].value("ev_share_change_pp_per_year") == pytest.approx(_slope(shares))


def test_cycle_network_per_resident_recomputed_from_the_raw_cells(kpi_dir, table):
    cycle = _sheet_rows(
        kpi_dir / "antal-meter-cykelnat-per-vaghallare-efter-lan-och-kommun.xlsx", "2025"
    )
    population = _sheet_rows(kpi_dir / "000007SF_20260416-131411.xlsx")
    people = {str(r[0])[:4]: r[3] for r in population if r[0] and str(r[0])[:4].isdigit()}
    spelled = {"0114": "Upplands-Väsby", "2039": "Älvdalen", "0980": "Gotland"}
    for code in SAMPLE:
        name = spelled.get(code, table[code].name)
        row = next(r for r in cycle if r[1] == name)
        metres = _count(row[3]) + _count(row[4]) + _count(row[5])  # Enskild, Kommunal, Statlig
        assert table[code].value("cycle_lane_m_per_capita") == pytest.approx(metres / people[code])


def test_importing_the_folder_again_counts_once(imported, kpi_dir):
    files, figures = SourceFile.objects.count(), Figure.objects.count()
    out = io.StringIO()
    call_command("import_kpis", str(kpi_dir), stdout=out)
    assert (SourceFile.objects.count(), Figure.objects.count()) == (files, figures)
    assert out.getvalue().count("\n") == files


def test_the_figures_become_indicators_with_the_usual_status_rule(table):
    indicator = Indicator.objects.get(
        municipality__code="1780",
        source_kind=Indicator.SourceKind.NATIONAL,
        name__startswith="Konsumtionsbaserade",
    )
    value = indicator.values.get()
    assert (value.year, round(value.value, 3)) == (2023, 5.314)
    assert "Klimatkollen_data for 2023" in value.provenance
    assert Indicator.objects.filter(source_kind=Indicator.SourceKind.NATIONAL).count() == 290 * 5
    # An earlier edition's year and a target: the status rule of every indicator applies.
    IndicatorValue.objects.create(
        indicator=indicator, year=2019, value=6.5, provenance="earlier edition", fetched_at=now()
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2030, value=2.0)
    summary = summarise(indicator)
    assert summary.latest_value == pytest.approx(table["1780"].value("consumption_t_per_capita"))
    assert summary.assessment.target_year == 2030
    assert summary.assessment.status is not None


def test_kpis_all_json_has_one_object_per_municipality_with_sources(imported):
    out = io.StringIO()
    call_command("kpis", "--all", "--format", "json", stdout=out)
    found = {o["municipality"]: o for o in json.loads(out.getvalue())}
    assert len(found) == 290
    karlstad = found["1780"]
    assert karlstad["name"] == "Karlstad"
    assert (karlstad["consumption_t_per_capita"], karlstad["evs_per_charge_point"]) == (
        5.314,
        12.754,
    )
    assert {s["file"] for s in karlstad["source"]["cycle_lane_m_per_capita"]} == {
        "antal-meter-cykelnat-per-vaghallare-efter-lan-och-kommun.xlsx",
        "000007SF_20260416-131411.xlsx",
    }
    assert karlstad["source"]["evs_per_charge_point"][0]["edition"] == "december 2025"


def test_kpis_csv_is_for_swedish_excel(imported):
    out = io.StringIO()
    call_command("kpis", "1780", "--format", "csv", stdout=out)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    header, karlstad = text.lstrip("\ufeff").splitlines()[:2]
    assert ";" in header
    assert karlstad.startswith("1780;Karlstad;5,314;4,356;12,754;3,021;")
