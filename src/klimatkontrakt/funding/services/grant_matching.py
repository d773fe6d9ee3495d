"""Matching a grant's recipient to a city (docs/funding.md, "Matching grants to a city"): by
organisation number on a city's group list, by name for review, or by the source's `Kommun`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from klimatkontrakt.funding.models import Grant, GroupOrganisation, RecipientKind
from klimatkontrakt.organisations.models import Municipality

_NOISE = re.compile(r"[^\w ]+")


def normalise_name(name: str) -> str:
    """How names are compared: case, punctuation, spacing and "aktiebolag"/"AB" aside."""
    text = _NOISE.sub(" ", name.casefold()).replace("aktiebolag", "ab")
    return " ".join(text.split())


def recipient_key(record_number: str, name: str) -> str:
    return record_number or f"name:{normalise_name(name)}"[:210]


@dataclass(frozen=True)
class Placement:
    municipality: Municipality | None
    kind: str
    match: str
    review: str


UNPLACED = Placement(None, "", Grant.Match.NONE, Grant.Review.AUTOMATIC)


class Matcher:
    """The cities' group lists, read once for a whole file."""

    def __init__(self) -> None:
        self.by_number: dict[str, tuple[Municipality, str]] = {}
        self.by_name: dict[str, tuple[Municipality, str, str]] = {}
        self.by_municipality_name: dict[str, Municipality] = {}
        for m in Municipality.objects.select_related("organisation"):
            self.by_municipality_name[normalise_name(m.name)] = m
            for name in (m.organisation.name, f"{m.name} kommun", f"{m.name}s kommun"):
                self.by_name.setdefault(normalise_name(name), (m, RecipientKind.MUNICIPALITY, ""))
            if m.organisation.org_number:
                self.by_number[m.organisation.org_number] = (m, RecipientKind.MUNICIPALITY)
        for g in GroupOrganisation.objects.select_related("municipality"):
            if g.org_number:
                self.by_number[g.org_number] = (g.municipality, g.kind)
            self.by_name[normalise_name(g.name)] = (g.municipality, g.kind, g.org_number)

    def place(self, number: str, name: str, municipality_name: str) -> Placement:
        if number and number in self.by_number:
            m, kind = self.by_number[number]
            return Placement(m, kind, Grant.Match.NUMBER, Grant.Review.AUTOMATIC)
        named = self.by_name.get(normalise_name(name))
        if named is not None:
            m, kind, listed_number = named
            in_other_city = municipality_name and normalise_name(municipality_name) != (
                normalise_name(m.name)
            )
            if not (number and listed_number and number != listed_number) and not in_other_city:
                return Placement(m, kind, Grant.Match.NAME, Grant.Review.PENDING)
        territory = self.by_municipality_name.get(normalise_name(municipality_name))
        if territory is not None:
            return Placement(
                territory, RecipientKind.OTHER, Grant.Match.TERRITORY, Grant.Review.AUTOMATIC
            )
        return UNPLACED
