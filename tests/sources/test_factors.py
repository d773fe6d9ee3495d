"""Factor sets, conversion tables and the shipped defaults, including the real EPA file."""

from __future__ import annotations

import csv
import re

import pytest

from klimatkontrakt.sources import factors as f
from klimatkontrakt.sources.errors import SourceError

EPA = "SupplyChainGHGEmissionFactors_v1.2_NAICS_CO2e_USD2021.csv"


def test_epa_file_loads_as_published(shared_data):
    epa = f.read_factors(shared_data / EPA)
    assert len(epa.factors) == 1016
    refinery = epa.factors["naics:324110"]
    assert (refinery.unit, refinery.currency, refinery.year) == ("USD", "USD", 2021)
    assert refinery.is_spend and refinery.value > 0
    assert "doi:10.23719/1528686" in refinery.source and "Petroleum Refineries" in refinery.source


def test_default_spend_factors_are_the_epa_values_they_cite(shared_data):
    with (shared_data / EPA).open(encoding="utf-8") as handle:
        epa = {
            r["2017 NAICS Code"]: float(r["Supply Chain Emission Factors with Margins"])
            for r in csv.DictReader(handle)
        }
    defaults = f.default_factors()
    cited = 0
    for factor in defaults.factors.values():
        match = re.search(r"NAICS (\d{6})", factor.source)
        if match:
            assert factor.value == pytest.approx(epa[match.group(1)]), factor.category
            cited += 1
    assert cited == len(defaults.spend()) > 40


def test_every_default_factor_names_its_source_and_licence():
    for factor in f.default_factors().factors.values():
        assert factor.source and factor.licence, factor.category


def test_factor_csv_with_units_and_swedish_numbers():
    text = (
        "category;value;unit;year;currency;source;licence;low;high\n"
        "food;0,45;kg CO2e/SEK;2022;SEK;SCB miljöräkenskaper (test);CC BY 4.0;0,3;0,6\n"
        "electricity;25;g CO2e/kWh;2023;;Elleverantörens värde (test);-;;\n"
    )
    fs = f.read_factors(text, name="f.csv")
    assert fs.factors["food"].is_spend and fs.factors["food"].low == pytest.approx(0.3)
    el = fs.factors["electricity"]
    assert (el.unit, el.currency, el.value, el.is_spend) == (
        "kWh",
        None,
        pytest.approx(0.025),
        False,
    )


def test_bad_factor_rows_are_all_reported_with_row_and_column():
    text = (
        "category,value,unit,year,currency,source,licence\n"
        "food,abc,kg CO2e/SEK,2022,SEK,x,y\n"
        "fuel,1,kg CO2e/furlong,2022,SEK,x,y\n"
        "rent,1,kg CO2e/SEK,2022,SEK,,y\n"
    )
    with pytest.raises(SourceError) as info:
        f.read_factors(text, name="f.csv")
    errors = info.value.messages
    assert errors[0].startswith("f.csv, rad 2, kolumn value")
    assert errors[1].startswith("f.csv, rad 3, kolumn unit")
    assert errors[2].startswith("f.csv, rad 4, kolumn source")


def test_missing_factor_columns():
    with pytest.raises(SourceError, match="licence"):
        f.read_factors("category,value,unit,year,currency,source\nx,1,kg CO2e/SEK,2022,SEK,s\n")


def test_default_tables_cover_the_factor_years():
    tables = f.default_tables()
    assert 2021 in tables.price_index and ("USD", 2021) in tables.sek_per


def test_merged_set_lets_a_local_factor_override():
    base = f.default_factors()
    local = f.read_factors(
        "category,value,unit,year,currency,source,licence\n"
        "district_heating,0.032,kg CO2e/kWh,2024,,Karlstads nät (test),-\n",
        name="lokal.csv",
    )
    merged = base.merged(local)
    assert merged.factors["district_heating"].value == pytest.approx(0.032)
    assert merged.factors["food"] == base.factors["food"]
