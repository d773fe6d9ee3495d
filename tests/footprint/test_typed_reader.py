"""The fast typed reader never changes a figure: values it cannot vouch for go to the general one.

A file whose first lines have plain amounts is read with DuckDB parsing the amounts itself; a
later thousands separator, odd date or bad row must still give exactly what the general
(text-cleaning) reader gives.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klimatkontrakt.footprint.engine import Engine, run
from klimatkontrakt.sources import ledger
from tests.footprint.test_engine import FACTORS, RULES, row
from tests.sources.ledger_files import write_csv

PLAIN = [row("A", "TFF", "4010", f"{i},25", date="2024-02-01") for i in range(2100)]
PLAIN_SEK = sum(i + 0.25 for i in range(2100))


def test_plain_files_are_sniffed_for_the_typed_reader(tmp_path):
    prepared = ledger.prepare(write_csv(tmp_path / "l.csv", rows=PLAIN), workdir=tmp_path)
    assert prepared.decimal_separator == ","
    spaced = ledger.prepare(
        write_csv(tmp_path / "m.csv", rows=[row("A", "TFF", "4010", "1 000,00"), *PLAIN]),
        workdir=tmp_path,
    )
    assert spaced.decimal_separator is None


def test_amounts_needing_cleaning_after_the_sample_are_still_read(tmp_path):
    odd = [
        row("B", "TFF", "4010", "1 234,50"),
        row("B", "TFF", "4010", "\u22127,25"),
        row("B", "TFF", "4010", "1.000,00"),
        row("B", "TFF", "4010", "12.5"),
    ]
    result = run([write_csv(tmp_path / "l.csv", rows=[*PLAIN, *odd])], RULES, FACTORS)
    assert (result["lines"], result["lines_rejected"]) == (2104, 0)
    assert result["spend_sek"] == round(PLAIN_SEK + 1234.50 - 7.25 + 1000 + 12.5, 2)


@pytest.mark.parametrize(
    ("date", "good"),
    [
        ("2024-1-5", True),  # ÅÅÅÅ-M-D: what strptime reads as %Y-%m-%d, in both readers
        ("2024-01-5 ", True),
        ("2024/01/05", False),
        ("05.01.2024", False),
        ("2024-13-01", False),
        ("02024-01-05", False),
        (" 2024-01-05", True),
        ("20240105\u00a0", True),  # ÅÅÅÅMMDD once trimmed
        ("2024-01-05T10:00", True),
    ],
)
def test_dates_are_judged_the_same_whichever_reader_reads_them(tmp_path, date, good):
    rows = [*PLAIN, row("B", "TFF", "4010", "4,00", date=date)]
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS)
    assert (result["lines"], result["lines_rejected"]) == (2100 + good, 1 - good)
    assert result["spend_sek"] == round(PLAIN_SEK + 4 * good, 2)
    expected = [] if good else ["l.csv, rad 2102, kolumn datum"]
    assert [s.split(":")[0] for s in result["files"][0]["skipped"]] == expected


AMOUNTS = st.one_of(
    st.from_regex(r"-?[0-9]{1,6}(,[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["1 234,50", "1.234,50", "12.5", "x", "", "\u22127,25", "12,", ",5"]),
)
DATES = st.sampled_from(
    [
        "2024-03-05",
        "20240305",
        "2024-03",
        "202403",
        "2024-3-5",
        "2024-03-5 ",
        " 2024-03-05",
        "2024-02-30",
        "",
        "1899-01-01",
        "20240105\u00a0",
        "2024-01-05\t",
        "2024-01-05T10:00",
        "2024/03/05",
        "02024-03-05",
        "2024-13-01",
        "24-03-05",
    ]
)


def _shifted(skipped: list[str]) -> list[str]:
    return [re.sub(r"rad (\d+)", lambda m: f"rad {int(m[1]) + 1}", s) for s in skipped]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(AMOUNTS, DATES), min_size=1, max_size=12))
def test_typed_and_general_readers_agree_on_every_file(values):
    """The same lines read typed (plain sample) and general (a leading thousands separator
    forces it) give the same figures and the same bad-row messages."""
    tail = [row("B", "BUF", "4020", amount, date=date) for amount, date in values]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        typed = run([write_csv(tmp / "l.csv", rows=[*PLAIN, *tail])], RULES, FACTORS, threshold=1)
        forced = [row("A", "TFF", "4010", "1 000,00"), *PLAIN, *tail]
        general = run([write_csv(tmp / "l.csv", rows=forced)], RULES, FACTORS, threshold=1)
    assert general["lines"] == typed["lines"] + 1
    assert general["lines_rejected"] == typed["lines_rejected"]
    assert round(general["spend_sek"] - 1000, 2) == typed["spend_sek"]
    assert general["files"][0]["skipped"] == _shifted(typed["files"][0]["skipped"])
    assert general["by_year"].keys() == typed["by_year"].keys()


@pytest.mark.parametrize(
    ("date", "good"), [("05.01.2024", True), (" 05.01.2024", True), ("2024-01-05", False)]
)
def test_a_mapped_date_format_means_the_same_to_both_readers(tmp_path, date, good):
    """With a date format from the column mapping, the typed reader parses dates with it."""
    mapping = ledger.ColumnMapping(date_format="%d.%m.%Y")
    plain = [row("A", "TFF", "4010", f"{i},25", date="01.02.2024") for i in range(2100)]
    path = write_csv(tmp_path / "l.csv", rows=[*plain, row("B", "TFF", "4010", "4,00", date=date)])
    result = run([path], RULES, FACTORS, mapping=mapping)
    assert (result["lines"], result["lines_rejected"]) == (2100 + good, 1 - good)
    assert result["spend_sek"] == round(PLAIN_SEK + 4 * good, 2)
    assert list(result["by_year"]) == ["2024"]


def test_a_date_format_with_a_utc_offset_gives_the_swedish_calendar_date(tmp_path):
    """Both readers agree, and 23:30 UTC on New Year's Eve is 2024 in Sweden (00:30 CET)."""
    mapping = ledger.ColumnMapping(date_format="%Y-%m-%dT%H:%M:%S%z")
    noon = "2024-06-01T12:00:00+0200"
    plain = [row("A", "TFF", "4010", f"{i},25", date=noon) for i in range(2100)]
    odd = [row("B", "TFF", "4010", "4,00", date="2023-12-31T23:30:00+0000")]
    typed_file = write_csv(tmp_path / "t.csv", rows=[*plain, *odd])
    typed = run([typed_file], RULES, FACTORS, mapping=mapping)
    forced = [row("A", "TFF", "4010", "1 000,00", date="2022-06-01T12:00:00+0200"), *plain, *odd]
    general = run([write_csv(tmp_path / "g.csv", rows=forced)], RULES, FACTORS, mapping=mapping)
    assert typed["by_year"]["2024"]["spend_sek"] == round(PLAIN_SEK + 4, 2)
    assert general["by_year"]["2024"] == typed["by_year"]["2024"]
    assert list(typed["by_year"]) == ["2024"]


@pytest.mark.parametrize("date", ["infinity", "-infinity", " infinity"])
def test_an_infinite_date_is_named_as_a_bad_row(tmp_path, date):
    rows = [*PLAIN, row("B", "TFF", "4010", "4,00", date=date)]
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS)
    assert (result["lines"], result["lines_rejected"]) == (2100, 1)
    skipped = [s.split(":")[0] for s in result["files"][0]["skipped"]]
    assert skipped == ["l.csv, rad 2102, kolumn datum"]


def test_the_calendar_date_does_not_depend_on_the_session_time_zone(tmp_path):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")  # as on a server whose clock runs in UTC
    engine = Engine(con=con)
    try:
        mapping = ledger.ColumnMapping(date_format="%Y-%m-%dT%H:%M:%S%z")
        late = row("B", "TFF", "4010", "4,00", date="2023-12-31T23:30:00+0000")
        path = write_csv(tmp_path / "l.csv", rows=[late])
        assert engine.load(path, mapping).status == "accepted"
        assert list(engine.compute(RULES, FACTORS)["by_year"]) == ["2024"]
    finally:
        engine.close()
