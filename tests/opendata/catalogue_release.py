"""A real release for the catalogue tests: two small datasets whose rows come from the
municipalities the test made, built by `opendata.services.build_release` into a temporary folder.

The registry's nine modules are replaced by these two so that the catalogue's mapping is tested
on its own; each dataset module has its own tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from klimatkontrakt.opendata import datasets as registry
from klimatkontrakt.opendata import services
from klimatkontrakt.opendata.datasets.base import CC0, MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.opendata.models import Release
from klimatkontrakt.organisations.models import Municipality

SITE = "https://klimat.example.se"
KARLSTAD_ORGNR = "212000-1850"  # Karlstads kommun (also in funding/grant_demo.py)
OPERATOR_ORGNR = "202100-5216"  # Vinnova, an agency that is a party to the contracts

# Rows per municipality code: (year, value); the test fills it before building.
MEASURES: dict[str, list[tuple[int, float]]] = {}
GOALS: dict[str, list[tuple[int, str]]] = {}


def _rows(table: dict[str, list[tuple[int, Any]]], name: str):  # type: ignore[no-untyped-def]
    def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
        known = {m.code: m.name for m in Municipality.objects.filter(code__in=table)}
        for code in sorted(table):
            if municipality is not None and municipality.code != code:
                continue
            for year, value in table[code]:
                yield {
                    "municipality_code": code,
                    "municipality_name": known[code],
                    "year": year,
                    name: value,
                }

    return rows


MEASURES_DATASET = Dataset(
    key="measures",
    title_sv="Klimatåtgärder",
    title_en="Climate measures",
    description_sv="En rad per kommun och år: beräknad minskning.",
    description_en="One row per municipality and year: the estimated reduction.",
    fields=(
        *MUNICIPALITY_FIELDS,
        Field("year", "integer", "År.", "Year.", required=True),
        Field("reduction", "number", "Minskning.", "Reduction.", unit="t CO2e"),
    ),
    rows=_rows(MEASURES, "reduction"),
    primary_key=("municipality_code", "year"),
    themes=("ENVI", "ENER"),
    frequency="ANNUAL",
    source_sv="Kommunens publicerade investeringsplan.",
    source_en="The municipality's published investment plan.",
    keywords_sv=("klimat", "åtgärder"),
    keywords_en=("climate", "measures"),
)
GOALS_DATASET = Dataset(
    key="goals",
    title_sv="Mål",
    title_en="Goals",
    description_sv="En rad per kommun och målår.",
    description_en="One row per municipality and target year.",
    fields=(
        *MUNICIPALITY_FIELDS,
        Field("year", "integer", "Målår.", "Target year.", required=True),
        Field("goal", "string", "Målet.", "The goal."),
    ),
    rows=_rows(GOALS, "goal"),
    primary_key=("municipality_code", "year"),
    themes=("GOVE",),
    frequency="IRREG",
    licence=CC0,
)
DATASETS = [MEASURES_DATASET, GOALS_DATASET]


@pytest.fixture
def catalogue_settings(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.SITE_URL = SITE
    settings.OPENDATA_DIR = tmp_path / "opendata"
    settings.OPENDATA_PUBLISHER_ORGNR = OPERATOR_ORGNR
    settings.OPENDATA_PUBLISHER_NAME = "Verket för innovationssystem"
    settings.OPENDATA_PUBLISHER_NAME_EN = "Sweden's Innovation Agency"
    settings.OPENDATA_PUBLISHER_TYPE = "NationalAuthority"
    settings.OPENDATA_PUBLISHER_EMAIL = "oppnadata@example.se"
    settings.OPENDATA_PUBLISHER_URL = "https://www.example.se/"
    return settings


@pytest.fixture
def catalogue_registry(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(registry, "all_datasets", lambda: list(DATASETS))
    monkeypatch.setattr(services, "all_datasets", lambda: list(DATASETS))
    MEASURES.clear()
    GOALS.clear()
    yield
    MEASURES.clear()
    GOALS.clear()


@pytest.fixture
def catalogue_release(  # type: ignore[no-untyped-def]
    catalogue_settings, catalogue_registry, karlstad, other_municipality
) -> Release:
    """Karlstad (with its organisation number) has measures 2019–2023 and goals; the other
    municipality has one measure and no organisation number."""
    org = karlstad.organisation
    org.org_number = KARLSTAD_ORGNR
    org.open_data_email = "oppnadata@karlstad.example.se"
    org.save()
    MEASURES[karlstad.code] = [(y, 100.0 + y % 10) for y in range(2019, 2024)]
    MEASURES[other_municipality.code] = [(2021, 5.5)]
    GOALS[karlstad.code] = [(2030, "Klimatneutral kommun")]
    return services.build_release(Release.Trigger.COMMAND)
