"""Which open calls fit a measure that lacks funding, and why (docs/funding.md, "Calls").

A call fits a measure when
- the measure still has a funding gap (its cost is not covered by its funding rows),
- the call has not closed (it is open now, or opens later),
- and it shares a topic with the measure: the measure's sector among the call's sectors,
  its category among the call's categories, or words in common (names, descriptions).

A call that closes before the measure's start year scores higher: the application can be
decided before the work starts.

Each fit carries its reasons, so a page can say why a call was suggested. Pure: plain
dataclasses in, plain dataclasses out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

SECTOR_POINTS = 3
CATEGORY_POINTS = 3
KEYWORD_POINTS = 1
BEFORE_START_POINTS = 1
MAX_KEYWORDS = 3
STEM = 6
MIN_WORD = 4

# Words too common in calls and measures to say anything about a fit.
STOPWORDS = frozenset(
    [
        "och",
        "eller",
        "samt",
        "för",
        "från",
        "till",
        "inom",
        "under",
        "över",
        "med",
        "utan",
        "som",
        "inte",
        "även",
        "mellan",
        "genom",
        "efter",
        "denna",
        "detta",
        "dessa",
        "vara",
        "varit",
        "blir",
        "bli",
        "kommer",
        "ska",
        "skall",
        "kan",
        "får",
        "stöd",
        "bidrag",
        "utlysning",
        "projekt",
        "åtgärd",
        "åtgärder",
        "kommun",
        "kommuner",
        "kommunens",
        "staden",
        "stad",
        "svensk",
        "sverige",
        "ansökan",
        "ansöka",
        "finansiering",
        "medel",
        "insats",
        "insatser",
        "arbete",
        "samhälle",
        "hållbar",
        "hållbart",
        "hållbara",
        "with",
        "from",
        "that",
        "this",
        "which",
        "their",
        "about",
        "into",
        "other",
        "than",
        "funding",
        "grant",
        "call",
        "calls",
        "project",
        "projects",
        "measure",
        "measures",
        "city",
        "cities",
        "sweden",
        "swedish",
        "support",
        "sustainable",
    ]
)


@dataclass(frozen=True)
class CallFacts:
    id: int
    title: str
    description: str
    categories: tuple[str, ...]
    sectors: tuple[str, ...]
    opens_on: date | None
    closes_on: date


@dataclass(frozen=True)
class MeasureFacts:
    id: int
    name: str
    description: str
    sector: str
    category: str
    start_year: int
    gap_sek: float


@dataclass(frozen=True)
class Reason:
    """`kind` is one of sector, category, keywords, open_now, opens_later, closes_before_start;
    `terms` are the measure's own words (or sector, category) that matched."""

    kind: str
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fit:
    call_id: int
    measure_id: int
    score: int
    reasons: tuple[Reason, ...]


def words(text: str) -> dict[str, str]:
    """Stem → the first word of the text with that stem (lower case), stopwords left out."""
    out: dict[str, str] = {}
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        if len(word) < MIN_WORD or word in STOPWORDS:
            continue
        out.setdefault(word[:STEM], word)
    return out


def _same(term: str, among: Iterable[str]) -> bool:
    key = term.strip().casefold()
    return bool(key) and any(key == other.strip().casefold() for other in among)


def fit(call: CallFacts, measure: MeasureFacts, today: date) -> Fit | None:
    """The fit of `call` to `measure` on `today`, or None when it does not fit."""
    if measure.gap_sek <= 0 or call.closes_on < today:
        return None
    reasons: list[Reason] = []
    score = 0
    if _same(measure.sector, call.sectors):
        reasons.append(Reason("sector", (measure.sector,)))
        score += SECTOR_POINTS
    if _same(measure.category, call.categories):
        reasons.append(Reason("category", (measure.category,)))
        score += CATEGORY_POINTS
    mine = words(" ".join((measure.name, measure.description)))
    theirs = words(" ".join((call.title, call.description, *call.categories)))
    shared = sorted(mine[stem] for stem in mine.keys() & theirs.keys())[:MAX_KEYWORDS]
    if shared:
        reasons.append(Reason("keywords", tuple(shared)))
        score += KEYWORD_POINTS * len(shared)
    if score == 0:
        return None
    if call.opens_on is not None and call.opens_on > today:
        reasons.append(Reason("opens_later"))
    else:
        reasons.append(Reason("open_now"))
    if call.closes_on < date(measure.start_year, 1, 1):
        reasons.append(Reason("closes_before_start"))
        score += BEFORE_START_POINTS
    return Fit(call.id, measure.id, score, tuple(reasons))


def fits(calls: Sequence[CallFacts], measures: Sequence[MeasureFacts], today: date) -> list[Fit]:
    """Every fit, best first; ties by the call that closes first."""
    closing = {c.id: c.closes_on for c in calls}
    found = [f for m in measures for c in calls if (f := fit(c, m, today)) is not None]
    return sorted(found, key=lambda f: (-f.score, closing[f.call_id], f.call_id, f.measure_id))
