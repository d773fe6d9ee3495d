"""The median days from selection to answer, and the answered share (calc.proposals), against
simple reference definitions."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc.proposals import answered_share, median_days

days = st.integers(min_value=-30, max_value=2000)
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1))


def _reference_median(values: list[int]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    middle = n // 2
    return float(ordered[middle]) if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@given(st.lists(st.tuples(starts, days), min_size=1, max_size=60))
def test_the_median_matches_a_sort_and_pick_reference(pairs):
    dated = [(start, start + timedelta(days=d)) for start, d in pairs]
    expected = _reference_median([max(0, d) for _, d in pairs])
    assert median_days(dated) == expected


@given(st.lists(st.tuples(starts, days), min_size=1, max_size=60))
def test_the_median_does_not_depend_on_order(pairs):
    dated = [(start, start + timedelta(days=d)) for start, d in pairs]
    assert median_days(dated) == median_days(list(reversed(dated)))


def test_no_answered_proposal_gives_no_median():
    assert median_days([]) is None


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_the_answered_share_is_a_share_of_the_selected(answered, selected):
    share = answered_share(min(answered, selected), selected)
    if selected == 0:
        assert share is None
    else:
        assert share == min(answered, selected) / selected and 0 <= share <= 1
