"""The columns of the comparison page, its map, API and downloads: the carbon-law figures for
all greenhouse gases (emissions app), the population and the national indicators (keys.py),
each explained in one sentence with its unit and which way is better."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.comparison.keys import KEYS

CARBON_LAW, GAS = "carbon-law", "GGT"  # the method and the gas of the national comparison


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    unit: str | Promise  # in the interface language; "" for none
    sentence: Promise  # what, unit and source in one sentence
    kind: str = "number"  # number, bool, date or plan
    direction: str = ""  # "down": lower is better, "up": higher is better, "": no ranking
    decimals: int = 0

    @property
    def ranked(self) -> bool:
        return bool(self.direction)

    @property
    def unit_after(self) -> str:
        """The unit written after a figure ("%" is part of the figure, a score has none)."""
        unit = str(self.unit)
        return "" if unit in ("%", "0–2") else unit

    @property
    def mappable(self) -> bool:
        return self.kind == "number"


CARBON_LAW_COLUMNS = (
    Column(
        "budget_t",
        _("Remaining carbon budget"),
        "t CO2e",
        _(
            "The municipality's share of the Paris budget left from this year on, by the carbon "
            "law (−11.72 % a year), from SMHI's greenhouse-gas figures."
        ),
    ),
    Column(
        "trend_total_t",
        _("Emissions on the trend to 2050"),
        "t CO2e",
        _(
            "What the municipality emits from this year to 2050 if the trend since 2015 goes "
            "on, from SMHI's greenhouse-gas figures."
        ),
    ),
    Column(
        "meets_goal",
        _("Stays within the budget"),
        "",
        _("Yes when the emissions on the trend stay within the remaining carbon budget."),
        kind="bool",
        direction="up",
    ),
    Column(
        "net_zero_date",
        _("Net zero on the trend"),
        "",
        _("The day the trend since 2015 reaches zero, from SMHI's greenhouse-gas figures."),
        kind="date",
        direction="down",
    ),
    Column(
        "historical_change_pct",
        _("Yearly change in emissions"),
        "%",
        _(
            "The compound yearly change of greenhouse-gas emissions since 2015, in per cent, "
            "from SMHI's figures."
        ),
        direction="down",
        decimals=1,
    ),
    Column(
        "trend_slope",
        _("Trend of emissions"),
        _("t CO2e/year"),
        _(
            "Tonnes more (or fewer, when negative) each year on the trend since 2015, from "
            "SMHI's greenhouse-gas figures; it grows with the municipality's size."
        ),
        direction="down",
    ),
)

POPULATION = Column(
    "population",
    _("Population"),
    _("residents"),
    _("Residents at the end of the year, from SCB's population statistics."),
)

NATIONAL_COLUMNS = tuple(
    Column(
        k.key,
        k.label,
        k.unit,
        k.sentence,
        kind="plan" if not k.indicator_name else "number",
        direction=k.direction if k.indicator_name else "",
        decimals=0 if k.key == "procurement_climate_requirements" else 2,
    )
    for k in KEYS
)

COLUMNS = (POPULATION, *CARBON_LAW_COLUMNS, *NATIONAL_COLUMNS)
BY_KEY = {c.key: c for c in COLUMNS}
RANKED = tuple(c for c in COLUMNS if c.ranked)
MAPPABLE = tuple(c for c in COLUMNS if c.mappable)

# Size classes by population: (key, label, lowest population).
SIZE_CLASSES = (
    ("small", _("Under 15 000 residents"), 0),
    ("medium", _("15 000–49 999 residents"), 15_000),
    ("large", _("50 000–199 999 residents"), 50_000),
    ("city", _("200 000 residents or more"), 200_000),
)
SIZE_LABELS = {key: label for key, label, _low in SIZE_CLASSES}


def size_class(population: float | None) -> str:
    """The size class of a population; "" when the population is not known."""
    if population is None:
        return ""
    return next(key for key, _label, low in reversed(SIZE_CLASSES) if population >= low)
