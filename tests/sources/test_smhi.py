"""SMHI Länsrapport reader: the real 2024-04-18 CO2 report and malformed files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from klimatkontrakt.sources import process_emissions, smhi
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.scb import read_code_list
from klimatkontrakt.sources.sectors import canonical_name, fold, is_known


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """These tests read the messages in English; the Swedish wording is checked through the
    upload pages (tests/web/test_import_messages.py)."""
    with translation.override("en"):
        yield


REAL = "df_municipalities_2022.xlsx"
REAL_SHA256 = "9df6658df43f6eb5aef997c63792fc3a8b57529851c2e2988ebf21142fac56a3"


@pytest.fixture(scope="module")
def report(shared_data: Path) -> smhi.SmhiReport:
    """Read once for the module: the report is a frozen record the tests only read."""
    return smhi.read_report(shared_data / REAL)


def scb_codes(shared_data: Path) -> tuple[dict[str, str], dict[str, str]]:
    codes = read_code_list(shared_data / "kommunlankod_2023.xls")
    munis = {name: code for code, (name, _county) in codes.municipalities.items()}
    counties = {name: code for code, name in codes.counties.items()}
    return munis, counties


def test_real_report_metadata(report):
    assert report.gas == "CO2"
    assert report.gas_name == "Koldioxid"
    assert report.unit == "t"
    assert report.release_date == date(2024, 4, 18)
    assert report.report_name == "Länsrapport, 2024-04-18"
    assert report.sha256 == REAL_SHA256
    assert report.file_name == REAL
    assert report.years == (1990, 2000, 2005, 2010, *range(2015, 2023))
    assert len(report.rows) == 312 * 62


def test_real_report_levels_and_values(report):
    munis, matrix = report.select()
    assert len(munis) == 290 and matrix.shape == (290, 12)
    counties, _ = report.select(level="county")
    assert len(counties) == 21
    nation, national = report.select(level="nation")
    assert national[0, 0] == pytest.approx(57880523.5032156)
    karlstad = next(i for i, r in enumerate(munis) if r.municipality == "Karlstad")
    assert munis[karlstad].county == "Värmlands län"
    transport, tm = report.select(sector="Transporter")
    assert len(transport) == 290


def test_spelling_variants_are_canonicalised(report):
    sectors = {r.sector for r in report.rows}
    assert "Egen uppvärmning av bostäder och lokaler" in sectors
    assert "Egen uppärmning av bostäder och lokaler" not in sectors
    subsectors = {r.subsector for r in report.rows}
    assert "Slitage från däck och bromsar" in subsectors  # SMHI wrote "fran"
    assert "Hästgödsel (lagring, användning och bete)" in subsectors  # SMHI wrote "Hast"
    assert all(is_known(s) for s in sectors | subsectors)
    # select() accepts either spelling
    rows, _ = report.select(sector="Egen uppärmning av bostäder och lokaler")
    assert len(rows) == 290
    assert canonical_name("  Egen   uppVÄRMNING av bostäder och lokaler ") == (
        "Egen uppvärmning av bostäder och lokaler"
    )
    assert canonical_name("Ny sektor 2030") == "Ny sektor 2030"
    assert fold("Färg - hushåll") == "farghushall"


def test_consistency_check_reports_real_discrepancies(report):
    found = smhi.check_consistency(report)
    by_check = {d.check for d in found}
    # SMHI's sectors add up to the total in every municipality, county and year ...
    assert "sectors->total" not in by_check
    assert "municipalities->county" not in by_check
    # ... but not every subsector set adds up, and the nation holds more than its counties.
    waste = [d for d in found if d.sector == "Avfall (inkl.avlopp)"]
    assert waste and all(d.check == "subsectors->sector" for d in waste)
    nation = [d for d in found if d.check == "counties->nation"]
    assert len(nation) == 12
    assert nation[0].difference == pytest.approx(57880523.5032156 - nation[0].sum_of_parts)
    assert all(d.line >= 7 for d in found)


def test_municipality_names_map_to_scb_codes(shared_data):
    munis, counties = scb_codes(shared_data)
    report = smhi.read_report(shared_data / REAL, municipality_codes=munis, county_codes=counties)
    rows, _ = report.select()
    assert {r.municipality_code for r in rows} == set(munis.values())
    karlstad = next(r for r in rows if r.municipality == "Karlstad")
    assert (karlstad.municipality_code, karlstad.county_code) == ("1780", "17")


def test_unknown_municipality_name_is_refused_naming_row_and_column(shared_data):
    munis, _ = scb_codes(shared_data)
    del munis["Karlstad"]
    with pytest.raises(SourceError) as err:
        smhi.read_report(shared_data / REAL, municipality_codes=munis)
    problem = err.value.problems[0]
    assert problem.column == "D" and problem.row is not None
    assert "'Karlstad' is not in the SCB code list" in str(err.value)


# ---- malformed files, generated ------------------------------------------------------------


def write_report(
    path: Path,
    *,
    sheet: str = "Koldioxid (CO2)",
    preamble: list[list[object]] | None = None,
    years: list[object] | None = None,
    header: list[object] | None = None,
    rows: list[list[object]] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for line in preamble or [
        ["Rapportnamn:", "Länsrapport, 2025-03-31"],
        ["Emissioner av Koldioxid (CO2)"],
        ["Enhet: ton/år"],
        [],
    ]:
        ws.append(line)
    years = years if years is not None else [2021, 2022]
    ws.append([None, None, None, None, *years])
    ws.append(header or ["Huvudsektor", "Undersektor", "Län", "Kommun"] + ["CO2"] * len(years))
    for row in rows or [
        ["Alla", "Alla", "Värmlands län", "Karlstad", 300.0, 280.0],
        ["Transporter", "Alla", "Värmlands län", "Karlstad", 200.0, 190.0],
        ["Egen uppärmning av bostäder och lokaler", "Alla", "Värmlands län", "Karlstad", 100, 90],
    ]:
        ws.append(row)
    wb.save(path)
    return path


def test_generated_report_reads(tmp_path):
    report = smhi.read_report(write_report(tmp_path / "ok.xlsx"))
    assert report.release_date == date(2025, 3, 31)
    assert report.years == (2021, 2022)
    assert report.rows[2].sector == "Egen uppvärmning av bostäder och lokaler"
    assert report.rows[2].line == 9
    assert smhi.check_consistency(report) == []


def test_greenhouse_gas_sheet_is_detected_with_co2e_unit(tmp_path):
    path = write_report(
        tmp_path / "ggt.xlsx",
        sheet="Växthusgaser totalt",
        preamble=[
            ["Rapportnamn:", "Länsrapport, 2025-03-31"],
            ["Emissioner av Växthusgaser totalt"],
            ["Enhet: ton CO2-ekv/år"],
        ],
    )
    report = smhi.read_report(path)
    assert (report.gas, report.unit) == ("GGT", "t CO2e")


def test_inconsistent_sector_sum_is_reported_not_hidden(tmp_path):
    path = write_report(
        tmp_path / "sum.xlsx",
        rows=[
            ["Alla", "Alla", "Värmlands län", "Karlstad", 300.0, 999.0],
            ["Transporter", "Alla", "Värmlands län", "Karlstad", 200.0, 190.0],
            ["Jordbruk", "Alla", "Värmlands län", "Karlstad", 100.0, 90.0],
        ],
    )
    found = smhi.check_consistency(smhi.read_report(path))
    assert len(found) == 1
    d = found[0]
    assert (d.check, d.municipality, d.year, d.line) == ("sectors->total", "Karlstad", 2022, 7)
    assert d.difference == pytest.approx(999 - 280)


def test_decimal_comma_text_is_read_as_a_number(tmp_path):
    path = write_report(
        tmp_path / "comma.xlsx",
        rows=[["Alla", "Alla", "Värmlands län", "Karlstad", "1 234,5", 2.0]],
    )
    assert smhi.read_report(path).rows[0].values == (1234.5, 2.0)


@pytest.mark.parametrize(
    ("kwargs", "row", "column", "message"),
    [
        (
            {"rows": [["Alla", "Alla", "Värmlands län", "Karlstad", 1.0, "n/a"]]},
            7,
            "F",
            "year 2022: expected a number, found 'n/a'",
        ),
        (
            {"rows": [["Alla", "Alla", "Värmlands län", "Karlstad", 1.0, None]]},
            7,
            "F",
            "expected a number, found an empty cell",
        ),
        (
            {"rows": [["Alla", "Alla", None, "Karlstad", 1.0, 2.0]]},
            7,
            "C",
            "empty Län",
        ),
        ({"years": [2021, "tjugotjugotvå"]}, 5, "F", "expected a year"),
        ({"years": [2022, 2021]}, 5, "F", "does not follow"),
        (
            {"rows": [["Alla", "Alla", "V", "K", 1.0, 2.0], ["Alla", "Alla", "V", "K", 1.0, 2.0]]},
            8,
            "A",
            "duplicate row",
        ),
        (
            {"preamble": [["Rapportnamn:", "Länsrapport"], ["Koldioxid (CO2)"], ["Enhet: ton/år"]]},
            1,
            "B",
            "no release date",
        ),
    ],
)
def test_malformed_cells_are_refused_with_row_and_column(tmp_path, kwargs, row, column, message):
    path = write_report(tmp_path / "bad.xlsx", **kwargs)
    with pytest.raises(SourceError) as err:
        smhi.read_report(path)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("bad.xlsx", row, column)
    assert message in str(err.value)
    assert str(err.value).startswith(f"bad.xlsx, row {row}, column {column}: ")


def test_missing_column_and_wrong_sheet_are_refused(tmp_path):
    path = write_report(tmp_path / "cols.xlsx", header=["Huvudsektor", "Undersektor", "Kommun"])
    with pytest.raises(SourceError, match="not an SMHI Länsrapport: no header row"):
        smhi.read_report(path)
    wb = openpyxl.Workbook()
    wb.active.append(["Namn", "Värde"])
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(SourceError, match="other.xlsx: sheet 'Sheet' is not an SMHI"):
        smhi.read_report(tmp_path / "other.xlsx")
    with pytest.raises(SourceError, match="no sheet named 'Metan"):
        smhi.read_report(write_report(tmp_path / "ok.xlsx"), sheet="Metan (CH4)")


def test_not_a_workbook_and_missing_gas_are_refused(tmp_path):
    (tmp_path / "notes.xlsx").write_text("hej", encoding="utf-8")
    with pytest.raises(SourceError, match="notes.xlsx: not an Excel workbook"):
        smhi.read_report(tmp_path / "notes.xlsx")
    with pytest.raises(SourceError, match="upload.xlsx: the workbook is damaged or cut short"):
        smhi.read_report(b"PK\x03\x04junk", file_name="upload.xlsx")
    path = write_report(
        tmp_path / "gas.xlsx",
        sheet="Blad1",
        preamble=[["Rapportnamn:", "Länsrapport, 2025-03-31"], ["Emissioner"], ["Enhet: ton/år"]],
    )
    with pytest.raises(SourceError, match="cannot tell the gas"):
        smhi.read_report(path)


def test_bytes_and_path_give_the_same_hash(shared_data, tmp_path):
    data = (shared_data / REAL).read_bytes()
    assert smhi.read_report(data, file_name="x.xlsx").sha256 == REAL_SHA256


def test_column_letters():
    assert [smhi.column_letter(i) for i in (0, 3, 25, 26, 27, 701, 702)] == [
        "A",
        "D",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_cement_process_emissions_are_data_for_three_municipalities():
    records = process_emissions.cement_process_emissions()
    assert {r.municipality_code for r in records} == {"0840", "1496", "0980"}
    assert len(records) == 27
    skovde_2017 = next(r for r in records if r.municipality == "Skövde" and r.year == 2017)
    assert skovde_2017.tonnes == 407633.13
    matrix = process_emissions.deduction_matrix(records, ["1780", "0980"], [2010, 2022, 2030])
    assert matrix.tolist() == [[0, 0, 0], [1579811, 1514132, 0]]
