"""The shipped default data names a source for every value, or says plainly it is unverified."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from klimatkontrakt.sources import factors as f

DATA = Path(str(resources.files("klimatkontrakt.sources") / "data"))


def _sources(name: str) -> list[str]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [row["source"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize(
    "name", ["factors_default.csv", "price_index_se.csv", "exchange_rates_sek.csv"]
)
def test_no_row_hides_an_unsourced_value(name):
    for source in _sources(name):
        lowered = source.lower()
        if lowered.startswith("unverified:"):
            continue
        assert "placeholder" not in lowered and "verify against" not in lowered, source
        assert "from memory" not in lowered, source


def test_activity_defaults_are_the_published_figures_they_cite():
    factors = f.default_factors().factors
    # Energimyndigheten's 2016 table gives g CO2e per litre and MJ per litre.
    assert factors["diesel"].value == pytest.approx(2.853)
    assert factors["diesel"].kwh_per_unit == pytest.approx(35.5 / 3.6, rel=1e-3)
    assert factors["hvo"].value == pytest.approx(0.476)
    # Biogas 100: 20.6 g CO2e/MJ, converted to kWh.
    assert factors["biogas"].value == pytest.approx(20.6 * 3.6 / 1000)
    assert "59 g CO2/kWh" in factors["electricity"].source
    assert factors["electricity"].value == pytest.approx(0.059)
    assert "371.99" in factors["electricity_residual_mix"].source
    assert factors["travel_air"].unit == "pkm"


def test_kpi_table_is_scb_fastställda_annual_means():
    tables = f.default_tables()
    assert tables.price_index[2021] == pytest.approx(343.19)
    # 2022 and 2023 KPI rose 8.4 % and 8.5 % (annual means); the table must agree.
    assert tables.price_index[2022] / tables.price_index[2021] == pytest.approx(1.084, abs=0.001)
    assert tables.price_index[2023] / tables.price_index[2022] == pytest.approx(1.085, abs=0.001)
