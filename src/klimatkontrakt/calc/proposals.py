"""Figures of proposals tracked to an answer: days from selection to answer, answered share."""

from collections.abc import Iterable
from datetime import date
from statistics import median


def days_between(start: date, end: date) -> int:
    """Whole days from `start` to `end`; an answer dated before its selection counts as 0."""
    return max(0, (end - start).days)


def median_days(pairs: Iterable[tuple[date, date]]) -> float | None:
    """The median of the days from selection to answer over (selected, answered) pairs; None
    when there is no answered proposal. With an even count it is the mean of the middle two."""
    days = [days_between(start, end) for start, end in pairs]
    return float(median(days)) if days else None


def answered_share(answered: int, selected: int) -> float | None:
    """The share of the selected proposals that have an answer; None when none was selected."""
    if selected <= 0:
        return None
    return min(1.0, max(0.0, answered / selected))
