"""The six figures of the national comparison: what each is, its unit, which file layouts feed
it, and the indicator it becomes (names stored in Swedish, as the indicators' names are)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Key:
    key: str
    label: Promise
    unit: str | Promise  # in the interface language; "" for none
    sentence: Promise  # the column explained in one sentence
    kinds: tuple[str, ...]  # the file layouts (readers' KIND) it is computed from
    direction: str = "up"  # "up" / "down": which way is better, as for indicators
    indicator_name: str = ""  # the indicator it becomes; "" for a figure that is not a number


KEYS = (
    Key(
        "consumption_t_per_capita",
        _("Consumption-based emissions per resident"),
        _("t CO2e/resident"),
        _("Greenhouse gases from what residents consume, wherever in the world they arise."),
        ("consumption_per_capita",),
        "down",
        "Konsumtionsbaserade utsläpp per invånare (nationell jämförelse)",
    ),
    Key(
        "ev_share_change_pp_per_year",
        _("Change in the share of rechargeable new cars"),
        _("percentage points/year"),
        _(
            "How fast the share of new cars that are electric or plug-in hybrids grows: the "
            "least-squares slope over 2015–2025."
        ),
        ("ev_share_compiled", "trafikanalys_new_cars"),
        "up",
        "Ökningstakt andel nya laddbara bilar (nationell jämförelse)",
    ),
    Key(
        "evs_per_charge_point",
        _("Rechargeable vehicles per public charging point"),
        _("vehicles/charging point"),
        _("Electric cars and plug-in hybrids in the municipality per public charging point."),
        ("powercircle_charging",),
        "down",
        "Laddbara fordon per publik laddpunkt (nationell jämförelse)",
    ),
    Key(
        "cycle_lane_m_per_capita",
        _("Cycle network per resident"),
        _("m/resident"),
        _("Metres of cycle network of all road owners per resident."),
        ("nvdb_cycle_network", "scb_population"),
        "up",
        "Cykelnät per invånare (nationell jämförelse)",
    ),
    Key(
        "climate_plan",
        _("Climate plan"),
        "",
        _("The municipality's current climate plan: link, year adopted and a comment."),
        ("climate_plans",),
    ),
    Key(
        "procurement_climate_requirements",
        _("Climate requirements in procurement"),
        "0–2",
        _(
            "2: a published climate requirement was found; 1: the national procurement survey "
            "says requirements are set; 0: neither."
        ),
        ("procurement_requirements_found", "nue_survey"),
        "up",
        "Klimatkrav i upphandling (nationell jämförelse)",
    ),
)
BY_KEY = {k.key: k for k in KEYS}
NUMERIC = tuple(k for k in KEYS if k.indicator_name)
