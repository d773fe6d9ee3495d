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
