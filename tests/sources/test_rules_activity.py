"""Rules and activity tables: reading, validation and the order in which rules win."""

from __future__ import annotations

import pytest

from klimatkontrakt.sources.activity import read_activity
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.rules import default_rules, ordered, read_rules


def test_rules_default_priorities_put_suppliers_above_accounts():
    rules = read_rules(
        "field,pattern,category\n"
        "account,54,food\n"
        "account,5411,food_meat\n"
        "supplier_name,^Mejeri,dairy_products\n"
        "supplier_id,556000-0002,exclude\n"
        "text,kött,food_meat\n"
    )
    order = [(r.field, r.pattern) for r in ordered(rules)]
    assert order == [
        ("supplier_id", "5560000002"),
        ("supplier_name", "^Mejeri"),
        ("text", "kött"),
        ("account", "5411"),
        ("account", "54"),
    ]


def test_explicit_priority_beats_the_defaults():
    rules = read_rules("field,pattern,category,priority\naccount,4,a,99\nsupplier_id,1,b,\n")
    assert ordered(rules)[0].category == "a"


def test_bad_rules_are_reported():
    with pytest.raises(SourceError) as info:
        read_rules(
            "field,pattern,category\nkonto,4,a\naccount,4x1,a\nsupplier_name,(,a\n", name="r.csv"
        )
    assert [e.split(":")[0] for e in info.value.messages] == [
        "r.csv, rad 2, kolumn field",
        "r.csv, rad 3, kolumn pattern",
        "r.csv, rad 4, kolumn pattern",
    ]


def test_default_rules_exclude_personnel_vat_depreciation_transfers():
    excluded = [r for r in default_rules() if r.category == "exclude"]
    text = " ".join(r.pattern for r in excluded)
    for word in ("moms", "lön", "avskrivning", "bidrag", "intern"):
        assert word in text
    assert {"1", "2", "3", "5", "78", "8"} <= {r.pattern for r in excluded if r.field == "account"}


def test_activity_csv():
    records = read_activity(
        "year;department;activity;quantity;unit;replaces_category;source\n"
        "2024;TFF;diesel;1 000,5;liter;fuel;Tankkort\n"
        "2024;;district_heating;2,5;MWh;heating_purchases;Fjärrvärmebolaget\n"
    )
    assert records[0].quantity == pytest.approx(1000.5) and records[0].unit == "l"
    assert records[1].unit == "MWh" and records[1].department == ""
    assert records[0].replaces_spend


def test_activity_errors_name_row_and_column():
    with pytest.raises(SourceError) as info:
        read_activity(
            "year,activity,quantity,unit\n20x4,diesel,1,l\n2024,diesel,1,gallon\n", name="a.csv"
        )
    assert info.value.messages[0].startswith("a.csv, rad 2, kolumn year")
    assert info.value.messages[1].startswith("a.csv, rad 3, kolumn unit")
