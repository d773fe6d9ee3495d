"""Demo indicators for Karlstad: one with SMHI's real figures, the rest labelled example data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from klimatkontrakt.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Municipality

EXAMPLE_PROVENANCE = "Exempeldata (demo), inte uppmätta värden / example data, not measured"
SMHI_PROVENANCE = (
    "SMHI, Nationella emissionsdatabasen (växthusgaser totalt, t CO2e, territoriellt, exkl. "
    "LULUCF), via Klimatbyran/territorial-data-pipeline output/municipality-sector-emissions.json "
    "(commit bf20c58); summa av huvudsektorerna utom utrikes transporter, avrundat till ton"
)


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    direction: str
    source_kind: str
    description: str
    values: dict[int, float]
    targets: dict[int, float]
    target_note: str
    provenance: str
    is_example: bool


# Karlstad's demo indicators. The first carries real SMHI figures (source named beside
# them); its 2030 target is an example reading of "klimatneutralt 2030", not a decision.
# The others are invented to show the pages and are flagged as example data.
_DEMO = [
    DemoIndicator(
        name="Utsläpp av växthusgaser inom Karlstads geografiska område",
        unit="t CO2e",
        direction="down",
        source_kind=Indicator.SourceKind.SMHI,
        description=(
            "Territoriella utsläpp enligt SMHI:s nationella emissionsdatabas. Målvärdet 2030 "
            "(80 % under 1990) är en exempeltolkning av målet om ett klimatneutralt Karlstad "
            "2030, inte ett beslutat effektmål."
        ),
        values={
            1990: 499924,
            2000: 436167,
            2005: 364563,
            2010: 361558,
            2015: 285767,
            2020: 242970,
            2021: 243960,
            2022: 222228,
            2023: 224602,
            2024: 262213,
        },
        targets={2030: 99985},
        target_note="Exempeltolkning: 80 % under 1990",
        provenance=SMHI_PROVENANCE,
        is_example=False,
    ),
    DemoIndicator(
        name="Elbilar, andel av personbilarna (exempel)",
        unit="%",
        direction="up",
        source_kind=Indicator.SourceKind.MANUAL,
        description="Exempeldata för demonstration. Motsvarar Kolada N07945.",
        values={2019: 0.6, 2020: 1.2, 2021: 2.1, 2022: 3.4, 2023: 4.8},
        targets={2025: 8.0, 2030: 25.0},
        target_note="Exempel",
        provenance=EXAMPLE_PROVENANCE,
        is_example=True,
    ),
    DemoIndicator(
        name="Andel förnybar fjärrvärme (exempel)",
        unit="%",
        direction="up",
        source_kind=Indicator.SourceKind.MANUAL,
        description="Exempeldata för demonstration. Motsvarar Kolada N45930.",
        values={2017: 88.0, 2018: 89.0, 2019: 91.0, 2020: 92.0, 2021: 92.0, 2022: 93.0},
        targets={2030: 100.0},
        target_note="Exempel",
        provenance=EXAMPLE_PROVENANCE,
        is_example=True,
    ),
    DemoIndicator(
        name="Utbildade förtroendevalda och chefer (exempel)",
        unit="antal",
        direction="up",
        source_kind=Indicator.SourceKind.MANUAL,
        description="Exempeldata för demonstration (utbildningsregistret).",
        values={2022: 40.0, 2023: 65.0, 2024: 80.0},
        targets={2026: 200.0},
        target_note="Exempel",
        provenance=EXAMPLE_PROVENANCE,
        is_example=True,
    ),
]


def save_demo_indicator(municipality: Municipality, demo: DemoIndicator) -> Indicator:
    """One demo indicator, published, with its values and targets (replaced if it exists).
    There is no service for a manually kept indicator yet: the demo writes the rows."""
    now = timezone.now()
    indicator, _ = Indicator.objects.update_or_create(
        municipality=municipality,
        name=demo.name,
        defaults={
            "unit": demo.unit,
            "direction": demo.direction,
            "source_kind": demo.source_kind,
            "description": demo.description,
            "is_published": True,
            "is_example": demo.is_example,
        },
    )
    indicator.values.all().delete()
    indicator.targets.all().delete()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            year=year,
            value=float(value),
            provenance=demo.provenance,
            fetched_at=now,
        )
        for year, value in demo.values.items()
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, year=year, value=float(v), note=demo.target_note)
        for year, v in demo.targets.items()
    )
    return indicator


def load_demo_indicators(code: str = KARLSTAD) -> list[Indicator]:
    """Demo indicators for a municipality (Karlstad by default); running it twice is harmless.

    Invented values are flagged ``is_example`` and say so in their provenance. Demo
    indicators are never Kolada-sourced, so fetch-kolada does not mix with them.
    """
    municipality = Municipality.objects.get(code=code)
    with transaction.atomic():
        return [save_demo_indicator(municipality, demo) for demo in _DEMO]


def load(stdout: Any) -> None:
    indicators = load_demo_indicators(KARLSTAD)
    examples = sum(1 for i in indicators if i.is_example)
    stdout.write(
        f"Indicators for Karlstad: {len(indicators)} ({examples} with example values, "
        "labelled as such; one with SMHI figures)"
    )
