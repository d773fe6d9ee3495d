import io

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.measures import (
    COLUMNS,
    MeasureRow,
    parse_measure_table,
    parse_number,
    write_rows,
)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """These tests read the messages in English; the Swedish wording is checked through the
    upload pages (tests/web/test_import_messages.py)."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234 567,5", 1234567.5),
        ("1\u00a0234", 1234.0),
        ("−12,3", -12.3),
        ("-40 000", -40000.0),
        ("1.234,5", 1234.5),
        ("1234.5", 1234.5),
        ("0,035", 0.035),
        ("2e3", 2000.0),
    ],
)
def test_swedish_and_plain_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "tio", "1,2,3", "12 kr", "--1"])
def test_not_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_decimal_comma_round_trip(x):
    text = f"{x:.2f}".replace(".", ",")
    assert parse_number(text) == pytest.approx(round(x, 2), abs=0.006)


def row(**kw):
    base = {
        "row": 0, "name": "LED", "sector": "Energi", "department": "TFF", "start_year": 2025,
        "lifetime_years": 15, "capex_sek": 600000.0, "opex_change_sek_per_year": -90000.0,
        "reduction_t_per_year": 8.5,
    }  # fmt: skip
    base.update(kw)
    return MeasureRow(**base)


def to_xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_write_then_parse_is_identity():
    measures = [
        row(),
        row(name="Sol", reduction_low_t_per_year=5.0, ramp_up_years=2, kind="policy"),
    ]
    parsed = parse_measure_table(to_xlsx(write_rows(measures)), "ut.xlsx")
    assert [(m.name, m.reduction_low_t_per_year, m.ramp_up_years, m.kind) for m in parsed] == [
        ("LED", None, 0, "investment"),
        ("Sol", 5.0, 2, "policy"),
    ]
    assert parsed[0].row == 2 and parsed[1].row == 3


def test_header_is_case_and_bom_insensitive_and_order_free():
    cols = list(reversed(COLUMNS[:8]))
    values = {"name": "A", "sector": "E", "department": "TFF", "start_year": "2025",
              "lifetime_years": "5", "capex_sek": "0", "opex_change_sek_per_year": "0",
              "reduction_t_per_year": "1"}  # fmt: skip
    text = ";".join(c.upper() for c in cols) + "\n" + ";".join(values[c] for c in cols) + "\n"
    (m,) = parse_measure_table(text.encode("utf-8-sig"), "a.csv")
    assert m.name == "A" and m.lifetime_years == 5


def test_every_problem_is_listed_with_row_and_column():
    header = ";".join(COLUMNS[:8])
    body = "A;E;TFF;1800;0;-5;x;1\nA;E;TFF;2025;5;0;0;-1\n"
    with pytest.raises(SourceError) as err:
        parse_measure_table((header + "\n" + body).encode(), "f.csv")
    messages = [str(p) for p in err.value.problems]
    assert "f.csv, row 2, column start_year: 1800 is outside 1990–2100" in messages
    assert "f.csv, row 2, column lifetime_years: must be at least 1" in messages
    assert any("row 2, column capex_sek" in m for m in messages)
    assert any("row 2, column opex_change_sek_per_year" in m for m in messages)
    assert any("row 3, column name" in m and "already on row 2" in m for m in messages)
    assert any("row 3, column reduction_t_per_year" in m for m in messages)


def test_unknown_column_and_empty_file():
    with pytest.raises(SourceError, match="unknown columns: colour"):
        parse_measure_table((";".join(COLUMNS[:8]) + ";colour\n").encode(), "f.csv")
    with pytest.raises(SourceError, match="empty"):
        parse_measure_table(b"", "f.csv")
    with pytest.raises(SourceError, match="no measures"):
        parse_measure_table((";".join(COLUMNS[:8]) + "\n").encode(), "f.csv")


def test_broken_workbook():
    with pytest.raises(SourceError, match="f.xlsx: the workbook is damaged or cut short"):
        parse_measure_table(b"PK\x03\x04 not a zip", "f.xlsx")
