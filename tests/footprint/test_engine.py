"""The pipeline end to end on files: every tonne reconciles with invoice lines x factors."""

from __future__ import annotations

import csv
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klimatkontrakt.calc.footprint import factor_per_sek
from klimatkontrakt.footprint.engine import Engine, run
from klimatkontrakt.footprint.example import generate_ledger
from klimatkontrakt.sources.activity import read_activity
from klimatkontrakt.sources.factors import default_factors, default_tables, read_factors
from klimatkontrakt.sources.rules import Rule, default_rules, digits, ordered, read_rules
from tests.sources.ledger_files import HEADER, write_csv

FACTORS = read_factors(
    "category,value,unit,year,currency,source,licence\n"
    "food,0.5,kg CO2e/SEK,2024,SEK,test,-\n"
    "fuel,0.25,kg CO2e/SEK,2024,SEK,test,-\n"
    "construction,0.1,kg CO2e/SEK,2024,SEK,test,-\n"
    "diesel,2.5,kg CO2e/l,2024,,test,-\n",
    name="f.csv",
)
RULES = read_rules(
    "field,pattern,category\n"
    "account,5,exclude\n"
    "account,40,food\n"
    "account,66,fuel\n"
    "account,46,construction\n"
    "supplier_name,^Bränsle,fuel\n",
    name="r.csv",
)


def row(
    supplier: str,
    dept: str,
    account: str,
    amount: str,
    date: str = "2024-02-01",
    org: str = "556000-0001",
    text: str = "text",
) -> tuple[str, ...]:
    return ("212000-0000", supplier, org, dept, account, text, amount, date)


def python_classify(rules: list[Rule], line: dict[str, str]) -> str | None:
    """Independent, line-by-line reading of the rule semantics (the reference)."""
    if digits(line["leverantor_id"]) and digits(line["leverantor_id"]) == digits(line["kopare_id"]):
        return "exclude"
    for rule in ordered(rules):
        value = {
            "account": line["konto_nr"],
            "supplier_id": digits(line["leverantor_id"]),
            "supplier_name": line["leverantor"],
            "text": line["konto_text"] + " ",
        }[rule.field]
        if rule.field == "account" and value.startswith(rule.pattern):
            return rule.category
        if rule.field == "supplier_id" and value == rule.pattern:
            return rule.category
        if rule.field in ("supplier_name", "text") and re.search(rule.pattern, value, re.I):
            return rule.category
    return None


def reference_tonnes(path: Path, rules: list[Rule]) -> float:
    factors, tables = default_factors().spend(), default_tables()
    kg = 0.0
    with path.open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle, delimiter=";"):
            category = python_classify(rules, line)
            if category is None or category == "exclude" or category not in factors:
                continue
            f = factors[category]
            per_sek = factor_per_sek(
                f.value,
                f.currency or "SEK",
                f.year,
                int(line["datum"][:4]),
                tables.price_index,
                tables.sek_per,
            )
            kg += float(Decimal(line["belopp"].replace(",", "."))) * per_sek.kg_per_sek
    return kg / 1000


def test_example_ledger_reconciles_line_by_line(tmp_path):
    path = generate_ledger(tmp_path / "ledger.csv", 3000, year=2024)
    rules = default_rules()
    result = run([path], rules, default_factors())
    assert result["lines"] == 3000 and result["lines_rejected"] == 0
    assert result["total_t"] == pytest.approx(reference_tonnes(path, rules), rel=1e-6)
    assert sum(c["t"] for c in result["by_category"].values()) == pytest.approx(
        result["total_t"], abs=0.01
    )
    assert sum(d["t"] for d in result["by_department"].values()) == pytest.approx(
        result["total_t"], abs=0.01
    )
    assert 0 < result["coverage_pct"] < 100  # "Övriga kostnader" matches no rule
    assert result["unclassified_accounts"][0]["account"] == "7090"
    assert result["excluded_sek"] > 0  # personnel, grants and internal rent


def test_one_shot_keys(tmp_path):
    result = run([write_csv(tmp_path / "l.csv")], RULES, FACTORS)
    for key in (
        "lines",
        "lines_rejected",
        "spend_sek",
        "excluded_sek",
        "unclassified_sek",
        "coverage_pct",
        "total_t",
        "by_category",
        "by_department",
        "by_year",
    ):
        assert key in result
    assert set(result["by_category"]["construction"]) >= {"spend_sek", "t"}


def test_supplier_rule_overrides_account_and_internal_invoices_are_excluded(tmp_path):
    rows = [
        row("Bränslebolaget AB", "TFF", "4010", "100,00"),  # account says food, name says fuel
        row("Kommunen själv", "TFF", "4010", "1000,00", org="212000-0000"),  # internal
        row("Grönt AB", "BUF", "4010", "10,00"),
        row("Okänd", "BUF", "7090", "7,00"),
    ]
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS)
    assert result["by_category"]["fuel"]["t"] == pytest.approx(100 * 0.25 / 1000)
    assert result["by_category"]["food"]["t"] == pytest.approx(10 * 0.5 / 1000)
    assert result["excluded_sek"] == pytest.approx(1000.0)
    assert result["unclassified_sek"] == pytest.approx(7.0)
    assert result["coverage_pct"] == pytest.approx(100 * 110 / 117, abs=0.01)
    internal = next(r for r in result["rules"] if r["id"] == 0)
    assert internal["lines"] == 1


def test_bad_rows_below_threshold_are_skipped_and_listed(tmp_path):
    rows = [row("A", "TFF", "4010", "1,00") for _ in range(199)]
    rows.insert(50, row("B", "TFF", "4010", "x"))
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS)
    assert (result["lines"], result["lines_rejected"]) == (199, 1)
    file = result["files"][0]
    assert file["status"] == "accepted"
    assert file["skipped"] == ["l.csv, rad 52, kolumn belopp: belopp är inte ett tal ('x')"]


def test_more_bad_rows_than_the_threshold_refuses_the_whole_file(tmp_path):
    rows = [row("A", "TFF", "4010", "1,00") for _ in range(98)]
    rows += [row("B", "TFF", "4010", "x"), row("C", "TFF", "4010", "1,00", date="2024-02-31")]
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS)
    assert result["files"][0]["status"] == "refused"
    assert (result["lines"], result["lines_rejected"], result["spend_sek"]) == (0, 100, 0.0)
    assert "2 av 100 rader" in result["files"][0]["message"]
    looser = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS, threshold=0.05)
    assert looser["files"][0]["status"] == "accepted" and looser["lines"] == 98


def test_the_same_file_twice_counts_once(tmp_path):
    a = write_csv(tmp_path / "a.csv")
    b = write_csv(tmp_path / "kopia.csv")
    once = run([a], RULES, FACTORS)
    twice = run([a, b], RULES, FACTORS)
    assert twice["spend_sek"] == once["spend_sek"] and twice["lines"] == once["lines"]
    assert [f["status"] for f in twice["files"]] == ["accepted", "duplicate"]


def test_activity_replaces_the_spend_it_names_and_shows_the_overlap(tmp_path):
    rows = [
        row("Drivmedel AB", "TFF", "6610", "10000,00"),
        row("Drivmedel AB", "RTJ", "6610", "2000,00"),
        row("Mat AB", "TFF", "4010", "1000,00"),
    ]
    activity = read_activity(
        "year,department,activity,quantity,unit,replaces_category\n2024,TFF,diesel,1000,l,fuel\n"
    )
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS, activity)
    diesel_t = 1000 * 2.5 / 1000
    assert result["overlap"]["spend_sek"] == pytest.approx(10000.0)
    assert result["overlap"]["t"] == pytest.approx(10000 * 0.25 / 1000)
    assert result["by_category"]["fuel"]["t"] == pytest.approx(2000 * 0.25 / 1000)
    assert result["by_category"]["diesel"]["t"] == pytest.approx(diesel_t)
    assert result["total_t"] == pytest.approx(diesel_t + (2000 * 0.25 + 1000 * 0.5) / 1000)
    assert result["by_department"]["TFF"]["t"] == pytest.approx(diesel_t + 0.5)


def test_two_activities_naming_the_same_spend_remove_it_once(tmp_path):
    rows = [row("Drivmedel AB", "TFF", "6610", "10000,00")]
    activity = read_activity(
        "year,department,activity,quantity,unit,replaces_category\n"
        "2024,TFF,diesel,100,l,fuel\n2024,,diesel,100,l,fuel\n"
    )
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS, activity)
    assert result["overlap"]["spend_sek"] == pytest.approx(10000.0)
    assert result["total_t"] == pytest.approx(2 * 100 * 2.5 / 1000)


def test_fossil_share_from_fuels(tmp_path):
    activity = read_activity("year,activity,quantity,unit\n2024,diesel,1000,l\n2024,hvo,1000,l\n")
    result = run([write_csv(tmp_path / "l.csv")], default_rules(), default_factors(), activity)
    # Energimyndigheten's heating values: diesel MK1 35.5 MJ/l, HVO 34.0 MJ/l.
    diesel = 35.5 / 3.6 * 1000
    hvo = 34.0 / 3.6 * 1000
    assert result["fossil_share_pct"] == pytest.approx(100 * diesel / (diesel + hvo), abs=0.01)


def test_drill_down_gives_each_line_with_rule_and_factor(tmp_path):
    rows = [
        row("A", "TFF", "4010", "100,00"),
        row("B", "TFF", "4610", "50,00"),
        row("C", "BUF", "4010", "-20,00"),
    ]
    engine = Engine()
    try:
        engine.load(write_csv(tmp_path / "l.csv", rows=rows))
        result = engine.compute(RULES, FACTORS)
        food = engine.lines({"category": "food"})
        assert [(line["row_no"], line["supplier_name"], line["amount"]) for line in food] == [
            (2, "A", 100.0),
            (4, "C", -20.0),
        ]
        assert {line["rule_id"] for line in food} == {2}
        assert food[0]["kg_per_sek"] == pytest.approx(0.5) and food[0]["file"] == "l.csv"
        every = engine.lines({"status": "spend"})
        assert sum(line["t"] for line in every) == pytest.approx(result["total_t"])
        with pytest.raises(ValueError):
            engine.lines({"amount": 1})
    finally:
        engine.close()


def test_the_epa_set_can_be_used_directly_with_naics_rules(tmp_path, shared_data):
    epa = read_factors(shared_data / "SupplyChainGHGEmissionFactors_v1.2_NAICS_CO2e_USD2021.csv")
    rules = read_rules("field,pattern,category\naccount,66,naics:324110\n")
    result = run(
        [write_csv(tmp_path / "l.csv", rows=[row("A", "T", "6610", "1000,00")])], rules, epa
    )
    tables = default_tables()
    per_sek = factor_per_sek(
        epa.factors["naics:324110"].value, "USD", 2021, 2024, tables.price_index, tables.sek_per
    ).kg_per_sek
    assert result["total_t"] == pytest.approx(1000 * per_sek / 1000, rel=1e-5)
    assert "Petroleum Refineries" in result["factors"][0]["source"]


def test_multiple_years_give_year_on_year_and_bau(tmp_path):
    rows = [row("A", "TFF", "4010", "1000,00", date=f"{y}-06-01") for y in (2022, 2023, 2024)]
    rows += [row("A", "TFF", "4010", "1000,00", date="2022-07-01")]
    result = run([write_csv(tmp_path / "l.csv", rows=rows)], RULES, FACTORS)
    assert list(result["by_year"]) == ["2022", "2023", "2024"]
    by_year = {int(y): v["t"] for y, v in result["by_year"].items()}
    # Same SEK in each year, deflated to the factor's (2024) prices: more tonnes per SEK earlier.
    assert by_year[2022] > 2 * by_year[2023] > 2 * by_year[2024]
    assert result["year_on_year"]["2023"]["change_t"] == pytest.approx(
        by_year[2023] - by_year[2022], abs=1e-5
    )
    assert list(result["bau_t"]) == [str(y) for y in range(2025, 2031)]


amounts = st.decimals(min_value=-10000, max_value=100000, places=2, allow_nan=False)
lines = st.lists(
    st.tuples(
        st.sampled_from(["4010", "4011", "6610", "4610", "5110", "7090"]),
        st.sampled_from(["TFF", "BUF", "VOF"]),
        st.sampled_from(["Bränsle Nord AB", "Mat AB", "*", "Bygg AB"]),
        amounts,
        st.sampled_from(["2023-01-05", "20240203", "202405"]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_cube_totals_equal_line_by_line_totals(generated):
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            ("212000-0000", sup, "", dept, acc, "text", str(amt).replace(".", ","), date)
            for acc, dept, sup, amt, date in generated
        ]
        path = write_csv(Path(tmp) / "l.csv", rows=rows)
        result = run([path], RULES, FACTORS)
        tables = default_tables()
        expected: dict[str, float] = {}
        with path.open(encoding="utf-8") as handle:
            for line in csv.DictReader(handle, delimiter=";", fieldnames=HEADER):
                if line["konto_nr"] == "konto_nr":
                    continue
                category = python_classify(RULES, line)
                if category in (None, "exclude"):
                    continue
                f = FACTORS.factors[category]
                year = int(line["datum"][:4])
                per_sek = factor_per_sek(
                    f.value, "SEK", f.year, year, tables.price_index, tables.sek_per
                ).kg_per_sek
                kg = float(line["belopp"].replace(",", ".")) * per_sek
                expected[line["forvaltning"]] = expected.get(line["forvaltning"], 0.0) + kg
        assert result["total_t"] == pytest.approx(sum(expected.values()) / 1000, abs=1e-3)
        for dept, kg in expected.items():
            assert result["by_department"][dept]["t"] == pytest.approx(kg / 1000, abs=1e-3)


def test_a_bad_date_anywhere_gives_the_same_figures_for_the_good_lines(tmp_path):
    """A line with an unreadable date is skipped; the good lines count exactly the same."""
    good = [
        row("A", d, acc, amt, date)
        for d, acc, amt, date in [
            ("TFF", "4010", "100,50", "2023-12-31"),
            ("BUF", "6610", "-20,00", "20240101"),
            ("TFF", "4610", "1 000,00", "202402"),
            ("VOF", "7090", "5,00", "2024-03"),
            ("TFF", "", "7,00", "2024-01-01"),
            ("TFF", "4010", "x", "2024-01-01"),
        ]
    ]
    fast = run([write_csv(tmp_path / "a.csv", rows=good)], RULES, FACTORS, threshold=0.5)
    bad_date = [*good, row("A", "TFF", "4010", "1,00", date="2024-13-01")]
    precise = run([write_csv(tmp_path / "b.csv", rows=bad_date)], RULES, FACTORS, threshold=0.5)
    assert (fast["lines"], fast["lines_rejected"]) == (4, 2)
    assert (precise["lines"], precise["lines_rejected"]) == (4, 3)
    for key in ("spend_sek", "total_t", "by_category", "by_department", "by_year"):
        assert precise[key] == fast[key], key


@pytest.mark.parametrize(
    ("account", "text"),
    [
        ("3010", "Försäljning fordon"),  # revenue
        ("5010", "Löner fordonsförare"),  # personnel
        ("7810", "Realisationsförlust fordon"),
        ("7910", "Avskrivning datorer"),
        ("8410", "Ränta leasing bilar"),  # financial
        ("2640", "Ingående moms fordon"),  # balance sheet
    ],
)
def test_default_account_class_exclusions_beat_text_rules(tmp_path, account, text):
    """A line in an excluded account class is never a purchase, whatever its text says."""
    line = row("Bilfirman AB", "TFF", account, "1000,00", text=text)
    result = run([write_csv(tmp_path / "l.csv", rows=[line])], default_rules(), default_factors())
    assert result["excluded_sek"] == 1000.0
    assert result["total_t"] == 0
    assert result["by_category"] == {}
