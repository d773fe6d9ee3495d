"""The open dataset of emissions and carbon budgets: SMHI's totals as the emissions page shows
them, and the municipality's published goals and adopted budget."""

from pathlib import Path

import openpyxl
import pytest

from klimatkontrakt.emissions import selectors, services
from klimatkontrakt.opendata.datasets.emissions import DATASET
from klimatkontrakt.organisations.access import SYSTEM
from tests.opendata.field_checks import check_rows
from tests.opendata.primary_keys import assert_unique_keys

pytestmark = pytest.mark.django_db

YEARS = [2015, 2020, 2021, 2022]


def _report(path: Path, sheet: str, unit: str, karlstad: list[float]) -> Path:
    """A small Länsrapport: Karlstad's and Stockholm's totals and one sector of Karlstad's."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["Rapportnamn:", "Länsrapport, 2025-03-31"])
    ws.append([f"Emissioner av {sheet}"])
    ws.append([f"Enhet: {unit}"])
    ws.append([])
    ws.append([None, None, None, None, *YEARS])
    ws.append(["Huvudsektor", "Undersektor", "Län", "Kommun", *["X"] * len(YEARS)])
    ws.append(["Alla", "Alla", "Värmlands län", "Karlstad", *karlstad])
    ws.append(["Transporter", "Alla", "Värmlands län", "Karlstad", *[v / 2 for v in karlstad]])
    ws.append(["Alla", "Alla", "Stockholms län", "Stockholm", 900.0, 800.0, 700.0, 600.0])
    wb.save(path)
    return path


@pytest.fixture
def releases(karlstad, other_municipality, tmp_path):
    co2 = _report(tmp_path / "co2.xlsx", "Koldioxid (CO2)", "ton/år", [400.0, 350.5, 330.0, 310.25])
    ggt = _report(
        tmp_path / "ggt.xlsx",
        "Växthusgaser totalt (GGT)",
        "ton CO2-ekv/år",
        [500.0, 450.0, 440.0, 420.5],
    )
    return services.import_report(co2).release, services.import_report(ggt).release


def test_inventory_rows_are_the_emission_pages_totals(releases, karlstad):
    co2, ggt = releases
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows)
    inventory = [r for r in rows if r["kind"] == "inventory"]
    # Greenhouse gases first (the headline gas), then CO2, each year in order.
    assert [(r["gas"], r["year"]) for r in inventory] == [
        *(("GGT", y) for y in YEARS),
        *(("CO2", y) for y in YEARS),
    ]
    for release in (co2, ggt):
        page = selectors.territorial_totals(release, karlstad)
        got = {r["year"]: r["value"] for r in inventory if r["gas"] == release.gas}
        assert got == page
        assert {r["smhi_release"] for r in inventory if r["gas"] == release.gas} == {release.label}
    assert {r["gas"]: r["unit"] for r in inventory} == {"GGT": "t CO2e", "CO2": "t CO2"}
    assert {(r["source"], r["scope"], r["name"]) for r in inventory} == {
        ("smhi", "territorial", "")
    }
    assert next(r for r in inventory if r["gas"] == "CO2" and r["year"] == 2020)["value"] == 350.5


def test_published_goals_and_the_latest_adopted_budget_come_out_drafts_do_not(
    releases, karlstad, other_municipality
):
    services.save_goal(
        SYSTEM,
        karlstad,
        name="Klimatneutral 2030",
        target_year=2030,
        level_t=50.0,
        is_published=True,
    )
    services.save_goal(
        SYSTEM,
        karlstad,
        name="Fossilfri organisation",
        target_year=2026,
        share_of_base=0.2,
        base_year=2015,
        scope="organisation",
        gas="CO2",
        is_published=True,
    )
    services.save_goal(SYSTEM, karlstad, name="Hemligt mål", target_year=2035, level_t=1.0)
    services.save_goal(
        SYSTEM,
        karlstad,
        name="Delat mål",
        target_year=2035,
        level_t=2.0,
        shared_with_programme=True,
    )
    services.save_goal(
        SYSTEM,
        other_municipality,
        name="Stockholms mål",
        target_year=2040,
        level_t=9.0,
        is_published=True,
    )
    for name, budget_t, published in [
        ("Budget 2022", 9000.0, True),
        ("Budget 2024", 8000.0, True),
        ("Utkast till budget", 7000.0, False),
    ]:
        services.save_carbon_budget(
            SYSTEM,
            karlstad,
            name=name,
            method="fixed",
            gas="GGT",
            parameters={"budget_t": budget_t, "start_year": 2024},
            is_published=published,
        )
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=("Hemligt", "Delat", "Utkast", "Stockholm"))
    own = [r for r in rows if r["source"] == "municipality"]
    assert [(r["kind"], r["name"]) for r in own] == [
        ("adopted_budget", "Budget 2024"),
        ("goal", "Fossilfri organisation"),
        ("goal", "Klimatneutral 2030"),
    ]
    budget, share_goal, level_goal = own
    page_budget = selectors.adopted_budget(None, karlstad, "GGT")
    assert page_budget is not None and page_budget.name == "Budget 2024"
    assert (budget["year"], budget["value"], budget["unit"]) == (2024, 8000.0, "t CO2e")
    assert (level_goal["year"], level_goal["value"], level_goal["unit"]) == (2030, 50.0, "t CO2e")
    assert level_goal["share_of_base_pct"] is None and level_goal["base_year"] is None
    assert share_goal["value"] is None and share_goal["unit"] == "t CO2"
    assert share_goal["share_of_base_pct"] == pytest.approx(20.0)
    assert (share_goal["base_year"], share_goal["scope"]) == (2015, "organisation")


def test_one_municipality_gets_only_its_own_rows(releases, karlstad, other_municipality):
    assert {r["municipality_code"] for r in DATASET.rows(other_municipality)} == {"0180"}
    everyone = list(DATASET.rows(None))
    check_rows(DATASET, everyone)
    assert_unique_keys(DATASET, everyone)
    codes = [r["municipality_code"] for r in everyone]
    assert codes == sorted(codes) and set(codes) == {"0180", "1780"}
    stockholm = [r["value"] for r in everyone if r["municipality_code"] == "0180"]
    assert stockholm == [900.0, 800.0, 700.0, 600.0] * 2


def test_without_smhi_data_only_the_municipalitys_own_rows_remain(karlstad):
    assert list(DATASET.rows(karlstad)) == []
    services.save_goal(
        SYSTEM, karlstad, name="Mål", target_year=2030, level_t=5.0, is_published=True
    )
    assert [r["kind"] for r in DATASET.rows(karlstad)] == ["goal"]
    assert not DATASET.defines_publisher
