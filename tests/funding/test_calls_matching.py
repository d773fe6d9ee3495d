"""The pure fit of calls to measures (calc.call_matching): reasons, dates, ordering."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc.call_matching import (
    BEFORE_START_POINTS,
    CATEGORY_POINTS,
    SECTOR_POINTS,
    CallFacts,
    MeasureFacts,
    fit,
    fits,
    words,
)

TODAY = date(2026, 12, 6)


def call(**kw):
    base = {
        "id": 1,
        "title": "Laddinfrastruktur vid arbetsplatser",
        "description": "",
        "categories": (),
        "sectors": (),
        "opens_on": TODAY - timedelta(days=10),
        "closes_on": TODAY + timedelta(days=20),
    }
    return CallFacts(**{**base, **kw})


def measure(**kw):
    base = {
        "id": 7,
        "name": "Laddinfrastruktur vid kommunens arbetsplatser",
        "description": "",
        "sector": "petrol",
        "category": "personbilar",
        "start_year": 2026,
        "gap_sek": 3_000_000.0,
    }
    return MeasureFacts(**{**base, **kw})


def kinds(found):
    return [r.kind for r in found.reasons]


def test_words_in_common_are_the_reason_named_with_the_measures_words():
    found = fit(call(), measure(), TODAY)
    assert found is not None
    assert kinds(found) == ["keywords", "open_now"]
    (keywords,) = [r for r in found.reasons if r.kind == "keywords"]
    assert keywords.terms == ("arbetsplatser", "laddinfrastruktur")
    assert found.score == 2


def test_sector_and_category_weigh_more_than_words():
    found = fit(
        call(title="Något helt annat", sectors=("Petrol",), categories=("personbilar",)),
        measure(),
        TODAY,
    )
    assert found is not None
    assert kinds(found) == ["sector", "category", "open_now"]
    assert found.score == SECTOR_POINTS + CATEGORY_POINTS


def test_no_shared_topic_no_fit():
    assert fit(call(title="Forskning om havsmiljö"), measure(), TODAY) is None


def test_a_closed_call_or_a_funded_measure_never_fits():
    assert fit(call(closes_on=TODAY - timedelta(days=1)), measure(), TODAY) is None
    assert fit(call(), measure(gap_sek=0.0), TODAY) is None
    assert fit(call(closes_on=TODAY), measure(), TODAY) is not None  # open its last day


def test_dates_say_open_now_or_opens_later_and_before_the_start():
    later = fit(call(opens_on=TODAY + timedelta(days=5)), measure(start_year=2028), TODAY)
    assert later is not None
    assert kinds(later) == ["keywords", "opens_later", "closes_before_start"]
    assert later.score == 2 + BEFORE_START_POINTS


def test_stopwords_and_short_words_do_not_match():
    assert words("Stöd till kommuner för projekt och el") == {}
    assert set(words("Solceller på solcellsparken")) == {"solcel"}


def test_fits_are_ordered_best_first_then_by_closing_date():
    calls = [
        call(id=1, closes_on=TODAY + timedelta(days=50)),
        call(id=2, closes_on=TODAY + timedelta(days=5)),
        call(id=3, categories=("personbilar",), closes_on=TODAY + timedelta(days=90)),
    ]
    assert [f.call_id for f in fits(calls, [measure()], TODAY)] == [3, 2, 1]


texts = st.text(alphabet="abcdeåäö laddinfrstuk", max_size=60)


@given(
    title=texts,
    description=texts,
    name=texts,
    closes=st.integers(-400, 400),
    opens=st.integers(-400, 400),
    start_year=st.integers(2020, 2040),
    gap=st.floats(-1e9, 1e9, allow_nan=False),
)
def test_every_fit_has_reasons_a_positive_score_and_an_open_call(
    title, description, name, closes, opens, start_year, gap
):
    c = call(
        title=title,
        description=description,
        opens_on=TODAY + timedelta(days=min(opens, closes)),
        closes_on=TODAY + timedelta(days=closes),
    )
    m = measure(name=name, start_year=start_year, gap_sek=gap)
    found = fit(c, m, TODAY)
    if found is None:
        return
    assert found.score > 0 and gap > 0 and c.closes_on >= TODAY
    assert {"open_now", "opens_later"} & set(kinds(found))
    assert {"sector", "category", "keywords"} & set(kinds(found))
    assert ("closes_before_start" in kinds(found)) == (c.closes_on < date(start_year, 1, 1))


@given(title=texts, name=texts, closes=st.integers(0, 400))
def test_naming_the_measures_category_never_lowers_the_score(title, name, closes):
    m = measure(name=name)
    plain = call(title=title, closes_on=TODAY + timedelta(days=closes))
    tagged = call(title=title, closes_on=plain.closes_on, categories=(m.category,))
    before = fit(plain, m, TODAY)
    after = fit(tagged, m, TODAY)
    assert after is not None
    assert after.score >= (before.score if before else 0) + CATEGORY_POINTS
