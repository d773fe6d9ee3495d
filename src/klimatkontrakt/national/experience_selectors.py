"""“Experiences to share”: each city's text of section 7.2 of its contract version of a year,
gathered and searchable.

The city's own text of the joint follow-up (section 7, `joint_follow_up`, the one common
section a city writes in: contracts.structure.OWN_TEXT_IN_COMMON) holds its updates (7.1) and
its experiences to share (7.2). The experiences are the lines after a line that starts with
“7.2”, up to the next numbered heading (7.3 …, 8 …); a text without such a heading is shown
whole, marked as the city's whole text of section 7. Versions are read through
`contracts.selectors.visible_versions`, so a reader sees exactly the versions the contract
pages show them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from klimatkontrakt.contracts.models import ContractVersion, Section
from klimatkontrakt.contracts.selectors import visible_versions
from klimatkontrakt.organisations.models import Municipality

# The section of contracts.structure.OWN_TEXT_IN_COMMON whose own text holds 7.1 and 7.2.
SECTION_KEY = "joint_follow_up"

# A search is at most this many words of at most this many characters (longer input is cut).
MAX_TERMS = 10
MAX_TERM_LENGTH = 100

_HEADING_72 = re.compile(r"^\s*7\.2(?!\d)")
# The next heading after 7.2: 7.3 and on (with sub-numbers), or section 8 and on.
_NEXT_HEADING = re.compile(r"^\s*(7\.([3-9]|\d\d)|[89]\.?\s|[89]$)")


def experiences_part(body: str) -> tuple[str, bool]:
    """The 7.2 part of a city's own section-7 text, and whether it is the whole text (no 7.2
    heading found)."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if _HEADING_72.match(line):
            part: list[str] = []
            for rest in lines[i + 1 :]:
                if _NEXT_HEADING.match(rest):
                    break
                part.append(rest)
            return "\n".join(part).strip(), False
    return body.strip(), True


def search_terms(q: str) -> list[str]:
    """The words of a search, each kept once, case left as typed."""
    terms: list[str] = []
    for word in q.split()[:MAX_TERMS]:
        word = word[:MAX_TERM_LENGTH]
        if word.casefold() not in {t.casefold() for t in terms}:
            terms.append(word)
    return terms


def matches(text: str, terms: list[str]) -> bool:
    """Every term occurs in the text (case-insensitive)."""
    folded = text.casefold()
    return all(t.casefold() in folded for t in terms)


def highlighted(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """The text as (piece, is_match) pieces: every occurrence of a term is one marked piece.
    Templates escape each piece and wrap the matches in <mark>."""
    if not terms:
        return [(text, False)] if text else []
    pattern = re.compile(
        "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )
    pieces: list[tuple[str, bool]] = []
    at = 0
    for m in pattern.finditer(text):
        if m.start() > at:
            pieces.append((text[at : m.start()], False))
        pieces.append((m.group(0), True))
        at = m.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


@dataclass(frozen=True)
class Experience:
    municipality: Municipality
    version: ContractVersion
    text: str
    whole_section: bool  # no 7.2 heading: the city's whole own text of section 7
    pieces: list[tuple[str, bool]]


@dataclass
class Experiences:
    year: int
    terms: list[str]
    items: list[Experience] = field(default_factory=list)
    # Every city with a text of the year the reader sees (before search and city filter).
    cities: list[Municipality] = field(default_factory=list)


def _own_texts(user: Any, year: int) -> list[tuple[Municipality, ContractVersion, str]]:
    municipalities = Municipality.objects.filter(contract__versions__year=year).distinct()
    out = []
    for muni in municipalities.order_by("name", "code"):
        version = visible_versions(user, muni).filter(year=year).select_related("contract").first()
        if version is None:
            continue
        section = Section.objects.filter(version=version, key=SECTION_KEY).first()
        if section is None or not section.body.strip():
            continue
        out.append((muni, version, section.body))
    return out


def experiences(user: Any, year: int, q: str = "", city: str = "") -> Experiences:
    """The cities' texts of “experiences to share” of `year` that `user` may see, by city name;
    with `q`, those containing every word of it (matches marked); `city` (an SCB code) keeps
    one city's."""
    terms = search_terms(q)
    result = Experiences(year=year, terms=terms)
    for muni, version, body in _own_texts(user, year):
        text, whole = experiences_part(body)
        if not text:
            continue
        result.cities.append(muni)
        if city and muni.code != city:
            continue
        if not matches(text, terms):
            continue
        result.items.append(Experience(muni, version, text, whole, highlighted(text, terms)))
    return result
