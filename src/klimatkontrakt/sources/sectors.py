"""SMHI's sector tree and the spelling variants seen between its releases.

SMHI's Nationella emissionsdatabasen has changed the spelling of sector names from one release
to the next ("Egen uppärmning" in the 2024-04-18 release, "Egen uppvärmning" later; "fran" for
"från" in several subsectors). Every name is matched on a folded key (case, diacritics,
punctuation and spacing ignored) plus a short alias table, and stored under one canonical name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ALL = "Alla"

# Canonical main sectors (Huvudsektor), in SMHI's order.
SECTORS: tuple[str, ...] = (
    "Transporter",
    "Industri (energi + processer)",
    "Jordbruk",
    "El och fjärrvärme",
    "Egen uppvärmning av bostäder och lokaler",
    "Arbetsmaskiner",
    "Produktanvändning (inkl. lösningsmedel)",
    "Avfall (inkl.avlopp)",
    "Utrikes transporter",
)

# Canonical subsectors (Undersektor), with the proper Swedish spelling.
SUBSECTORS: tuple[str, ...] = (
    "Personbilar",
    "Tunga lastbilar",
    "Lätta lastbilar",
    "Bussar",
    "Mopeder och motorcyklar",
    "Slitage från däck och bromsar",
    "Slitage från vägbanan",
    "Avdunstning från vägfordon",
    "Inrikes civil sjöfart (inkl. privata fritidsbåtar)",
    "Inrikes flygtrafik",
    "Järnväg",
    "Djurs matsmältning",
    "Kogödsel (lagring, användning och bete)",
    "Svingödsel (lagring, användning och bete)",
    "Hästgödsel (lagring, användning och bete)",
    "Hönsgödsel (lagring, användning och bete)",
    "Fårgödsel m.m. (lagring, användning och bete)",
    "Användning av konstgödsel",
    "Skörderester som gödsel",
    "Kalkning av åkermark",
    "Odling av organogena jordar",
    "Odling av mineraljordar",
    "Indirekta utsläpp av lustgas från brukad mark",
    "Övrigt gödselmedel m.m.",
    "Bostäder",
    "Kommersiella och offentliga lokaler",
    "Jordbruks- och skogsbrukslokaler",
    "Skotrar och fyrhjulingar",
    "Hushållens arbetsmaskiner",
    "Kommersiella och offentliga verksamheter",
    "Jordbruk och skogsbruk",
    "Industri- och byggsektorns arbetsmaskiner (inkl. vägarbeten)",
    "Fiskebåtar",
    "Övrigt (flygplatser, hamnar, m.m.)",
    "Lösningsmedelsanvändning - verksamheter",
    "Lösningsmedelsanvändning - hushåll",
    "Färg - hushåll",
    "Färg - verksamheter",
    "Smörjmedel",
    "Paraffinvax",
    "Urea för katalysatorer",
    "Lustgas från produktanvändning",
    "Användning av fluorerade gaser",
    "Övrig produktanvändning",
    "Avfallsdeponier",
    "Behandling av avloppsvatten",
    "Biologisk behandling av avfall",
    "Krematorier och förbränning av farligt avfall",
    "Oavsiktliga bränder",
    "Övrig avfallshantering",
    "Utrikes sjöfart inom Sveriges gränser",
    "Utrikes flyg under 1000 m höjd i svenskt luftrum",
)

# Misspellings that folding alone does not catch: folded variant -> canonical name.
_ALIASES: dict[str, str] = {
    "egenupparmningavbostaderochlokaler": "Egen uppvärmning av bostäder och lokaler",
    "avdunstingfranvagfordon": "Avdunstning från vägfordon",
}


def fold(name: str) -> str:
    """A spelling-insensitive key: lower case, no diacritics, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]", "", bare)


_CANONICAL: dict[str, str] = {fold(n): n for n in (ALL, *SECTORS, *SUBSECTORS)} | _ALIASES


@lru_cache(maxsize=4096)  # a report repeats ~70 names ~20,000 times
def canonical_name(name: str) -> str:
    """SMHI's sector or subsector name in its canonical spelling; unknown names kept, tidied."""
    tidy = " ".join(name.split())
    return _CANONICAL.get(fold(tidy), tidy)


def is_known(name: str) -> bool:
    return fold(name) in _CANONICAL


# What a person reads for a canonical name in the interface language: English msgids whose
# Swedish translation is the canonical name itself (the Swedish catalogue).
SECTOR_LABELS: dict[str, Promise] = {
    ALL: _("All sectors"),
    "Transporter": _("Transport"),
    "Industri (energi + processer)": _("Industry (energy + processes)"),
    "Jordbruk": _("Agriculture"),
    "El och fjärrvärme": _("Electricity and district heating"),
    "Egen uppvärmning av bostäder och lokaler": _("Own heating of homes and premises"),
    "Arbetsmaskiner": _("Off-road machinery"),
    "Produktanvändning (inkl. lösningsmedel)": _("Product use (incl. solvents)"),
    "Avfall (inkl.avlopp)": _("Waste (incl. sewage)"),
    "Utrikes transporter": _("International transport"),
    "Personbilar": _("Cars"),
    "Tunga lastbilar": _("Heavy trucks"),
    "Lätta lastbilar": _("Light trucks"),
    "Bussar": _("Buses"),
    "Mopeder och motorcyklar": _("Mopeds and motorcycles"),
    "Slitage från däck och bromsar": _("Tyre and brake wear"),
    "Slitage från vägbanan": _("Road surface wear"),
    "Avdunstning från vägfordon": _("Evaporation from road vehicles"),
    "Inrikes civil sjöfart (inkl. privata fritidsbåtar)": _(
        "Domestic civil shipping (incl. private leisure boats)"
    ),
    "Inrikes flygtrafik": _("Domestic aviation"),
    "Järnväg": _("Railways"),
    "Djurs matsmältning": _("Enteric fermentation"),
    "Kogödsel (lagring, användning och bete)": _("Cattle manure (storage, use and grazing)"),
    "Svingödsel (lagring, användning och bete)": _("Pig manure (storage, use and grazing)"),
    "Hästgödsel (lagring, användning och bete)": _("Horse manure (storage, use and grazing)"),
    "Hönsgödsel (lagring, användning och bete)": _("Poultry manure (storage, use and grazing)"),
    "Fårgödsel m.m. (lagring, användning och bete)": _(
        "Sheep manure etc. (storage, use and grazing)"
    ),
    "Användning av konstgödsel": _("Use of mineral fertiliser"),
    "Skörderester som gödsel": _("Crop residues as fertiliser"),
    "Kalkning av åkermark": _("Liming of arable land"),
    "Odling av organogena jordar": _("Cultivation of organic soils"),
    "Odling av mineraljordar": _("Cultivation of mineral soils"),
    "Indirekta utsläpp av lustgas från brukad mark": _(
        "Indirect nitrous oxide emissions from managed soils"
    ),
    "Övrigt gödselmedel m.m.": _("Other fertilisers etc."),
    "Bostäder": _("Homes"),
    "Kommersiella och offentliga lokaler": _("Commercial and public premises"),
    "Jordbruks- och skogsbrukslokaler": _("Agricultural and forestry premises"),
    "Skotrar och fyrhjulingar": _("Snowmobiles and quad bikes"),
    "Hushållens arbetsmaskiner": _("Household machinery"),
    "Kommersiella och offentliga verksamheter": _("Commercial and public activities"),
    "Jordbruk och skogsbruk": _("Agriculture and forestry"),
    "Industri- och byggsektorns arbetsmaskiner (inkl. vägarbeten)": _(
        "Industrial and construction machinery (incl. road works)"
    ),
    "Fiskebåtar": _("Fishing boats"),
    "Övrigt (flygplatser, hamnar, m.m.)": _("Other (airports, ports etc.)"),
    "Lösningsmedelsanvändning - verksamheter": _("Solvent use – businesses"),
    "Lösningsmedelsanvändning - hushåll": _("Solvent use – households"),
    "Färg - hushåll": _("Paint – households"),
    "Färg - verksamheter": _("Paint – businesses"),
    "Smörjmedel": _("Lubricants"),
    "Paraffinvax": _("Paraffin wax"),
    "Urea för katalysatorer": _("Urea for catalytic converters"),
    "Lustgas från produktanvändning": _("Nitrous oxide from product use"),
    "Användning av fluorerade gaser": _("Use of fluorinated gases"),
    "Övrig produktanvändning": _("Other product use"),
    "Avfallsdeponier": _("Landfills"),
    "Behandling av avloppsvatten": _("Wastewater treatment"),
    "Biologisk behandling av avfall": _("Biological treatment of waste"),
    "Krematorier och förbränning av farligt avfall": _(
        "Crematoria and incineration of hazardous waste"
    ),
    "Oavsiktliga bränder": _("Accidental fires"),
    "Övrig avfallshantering": _("Other waste management"),
    "Utrikes sjöfart inom Sveriges gränser": _("International shipping within Swedish borders"),
    "Utrikes flyg under 1000 m höjd i svenskt luftrum": _(
        "International flights below 1,000 m in Swedish airspace"
    ),
}


def sector_label(name: str | None) -> str:
    """A sector's or subsector's name in the interface language. A plan for the organisation
    uses purchase categories as its sectors: those get their category label; any other name is
    shown as written."""
    from klimatkontrakt.sources.categories import category_label

    if not name:
        return ""
    label = SECTOR_LABELS.get(canonical_name(name))
    return str(label) if label is not None else category_label(name)
