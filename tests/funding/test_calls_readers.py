"""The calls' readers: Vinnova's open data, the common API's `utlysningar` and the template."""

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from klimatkontrakt.sources.calls import (
    SOURCE_COMMON,
    SOURCE_TEMPLATE,
    SOURCE_VINNOVA,
    parse_call_template,
    parse_common_calls,
    parse_vinnova,
)
from klimatkontrakt.sources.errors import SourceError

FIXTURES = Path(__file__).parent / "fixtures" / "calls"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def where(exc: SourceError) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in exc.problems}


def test_vinnova_gives_one_call_per_round_with_its_dates():
    records = parse_vinnova(
        read("vinnova_utlysningar.json"), read("vinnova_ansokningsomgangar.json")
    )
    assert [r.reference for r in records] == ["2026-01211", "2026-01212", "2026-01301"]
    first, second, circular = records
    assert first.funder == "Vinnova" and first.source == SOURCE_VINNOVA
    assert first.title == "Innovationer för klimatneutrala städer 2027: Omgång 1"
    assert (first.opens_on, first.closes_on) == (date(2026, 11, 15), date(2027, 2, 10))
    assert second.closes_on == date(2027, 9, 15)
    assert first.link.startswith("https://www.vinnova.se/")
    # A round titled like its call keeps the call's title alone.
    assert circular.title == "Cirkulär ekonomi i offentlig sektor"
    assert circular.description.startswith("Återbruk")


def test_vinnova_refuses_a_round_without_closing_date_or_call():
    rounds = json.loads(read("vinnova_ansokningsomgangar.json"))
    rounds[0]["Stangningsdatum"] = None
    rounds[1]["DiarienummerUtlysning"] = "2099-99999"
    rounds[2]["Oppningsdatum"] = "den första"
    with pytest.raises(SourceError) as caught:
        parse_vinnova(
            read("vinnova_utlysningar.json"), json.dumps(rounds).encode(), rounds_name="omg.json"
        )
    assert where(caught.value) == {
        (1, "Stangningsdatum"),
        (2, "DiarienummerUtlysning"),
        (3, "Oppningsdatum"),
    }
    assert all(p.file == "omg.json" for p in caught.value.problems)
    assert "2099-99999" in str(caught.value)


def test_vinnova_refuses_a_call_without_title_and_text_that_is_not_json():
    calls = json.loads(read("vinnova_utlysningar.json"))
    del calls[1]["Titel"]
    with pytest.raises(SourceError) as caught:
        parse_vinnova(json.dumps(calls).encode(), read("vinnova_ansokningsomgangar.json"))
    assert where(caught.value) == {(2, "Titel")}
    with pytest.raises(SourceError, match="JSON"):
        parse_vinnova(b"<html>", b"[]")
    with pytest.raises(SourceError, match="list"):
        parse_vinnova(b'{"values": []}', b"[]")


def test_common_api_page_is_read_with_funder_and_categories():
    records = parse_common_calls(read("common_utlysningar_page1.json"))
    assert [(r.funder, r.reference) for r in records] == [
        ("Formas", "FR-2026-00412"),
        ("Forte", "FO-2026-00077"),
    ]
    assert records[0].categories == ("Energi", "Bebyggelse")
    assert records[0].closes_on == date(2027, 3, 4) and records[0].source == SOURCE_COMMON
    (machines,) = parse_common_calls(read("common_utlysningar_page2.json"))
    assert machines.opens_on is None and machines.closes_on == date(2027, 5, 1)


def test_common_api_refuses_bad_fields_naming_object_and_field():
    items = json.loads(read("common_utlysningar_page1.json"))
    items[0]["amnesomraden"] = "Energi"
    items[0]["url"] = "javascript:alert(1)"
    items[1]["stangningsdatum"] = "2026-08-01"  # before it opens
    items.append("not an object")
    with pytest.raises(SourceError) as caught:
        parse_common_calls(json.dumps(items).encode(), "sida.json")
    assert where(caught.value) == {
        (1, "amnesomraden"),
        (1, "url"),
        (2, "stangningsdatum"),
        (3, None),
    }
    assert str(caught.value).startswith("sida.json")


def test_template_csv_with_swedish_or_english_headings():
    records = parse_call_template(read("calls_template.csv"), "mall.csv")
    assert [r.title for r in records] == [
        "Solceller på offentliga byggnader",
        "Regionalt klimatstöd",
    ]
    sol, region = records
    assert sol.categories == ("el", "solenergi") and sol.sectors == ("Energi",)
    assert sol.opens_on == date(2026, 12, 1) and sol.source == SOURCE_TEMPLATE
    assert region.reference == "" and region.opens_on is None and region.funder == "Region Värmland"


def test_template_xlsx_is_read_like_csv():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["finansiär", "titel", "stänger", "kategorier"])
    sheet.append(
        ["Trafikverket", "Stadsmiljöavtal 2027", date(2027, 3, 1), "cykel; kollektivtrafik"]
    )
    data = io.BytesIO()
    book.save(data)
    (record,) = parse_call_template(data.getvalue(), "mall.xlsx")
    assert record.closes_on == date(2027, 3, 1)
    assert record.categories == ("cykel", "kollektivtrafik")


def test_bad_template_is_refused_with_every_problem_named_by_its_heading():
    with pytest.raises(SourceError) as caught:
        parse_call_template(read("calls_template_bad.csv"), "dålig.csv")
    assert where(caught.value) == {
        (3, "finansiär"),
        (4, "stänger"),
        (5, "stänger"),
        (5, "länk"),
    }
    assert all(p.file == "dålig.csv" for p in caught.value.problems)


def test_template_without_required_columns_or_with_unknown_ones():
    with pytest.raises(SourceError) as caught:
        parse_call_template("titel;färg\nA;röd\n".encode(), "x.csv")
    assert where(caught.value) == {(1, "funder"), (1, "closes"), (1, "färg")}
    with pytest.raises(SourceError):
        parse_call_template(b"", "tom.csv")
