"""The pace of rechargeable new cars when a year is missing or has no new cars."""

import io

import openpyxl
import pytest

from klimatkontrakt.comparison.selectors import national_table
from klimatkontrakt.comparison.services import import_kpi_file

pytestmark = pytest.mark.django_db


def _workbook(sheet: str, rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _compiled(shares: dict[str, list[float]]) -> bytes:
    return _workbook(
        "Förändringstakt andel laddbilar",
        [
            ["Förändringstakt andel nyregistrerade laddbara bilar per kommun och år"],
            [],
            ["Kommun", 2022, 2023, 2024],
            *[[name, *values] for name, values in shares.items()],
        ],
    )


def _new_cars(rows: list[list[object]]) -> bytes:
    return _workbook(
        "Tabell 5 Personbil",
        [
            ["Tabell 5. Nyregistrerade personbilar efter kommun och drivmedel. År 2025."],
            [],
            ["Kommun-", "Kommun", "El", "Elhybrider1)", "Laddhybrider", "Totalt"],
            ["kod", "Municipality"],
            *rows,
            ["Värmlands län", None, 1, 1, 1, 1],
        ],
    )


@pytest.fixture
def towns(municipality_factory):  # type: ignore[no-untyped-def]
    return [
        municipality_factory(code="1780", name="Karlstad"),
        municipality_factory(code="1781", name="Kristinehamn"),
        municipality_factory(code="1782", name="Filipstad"),
    ]


def test_a_year_without_new_cars_has_no_share_and_a_missing_2025_is_said(towns):
    import_kpi_file(
        _compiled(
            {"Karlstad": [0.1, 0.2, 0.3], "Kristinehamn": [0.1, 0.1, 0.1], "Filipstad": [0, 0, 0]}
        ),
        "kpi1.xlsx",
    )
    import_kpi_file(
        _new_cars([[1780, "Karlstad", 10, 99, 30, 100], [1781, "Kristinehamn", "–", 2, "–", "–"]]),
        "fordon-2025.xlsx",
    )
    rows = {row.code: row.values["ev_share_change_pp_per_year"] for row in national_table()}
    # Karlstad: 10, 20, 30, then (10 + 30) / 100 = 40 percent: ten points a year
    assert rows["1780"].value == pytest.approx(10.0)
    assert rows["1780"].reason == ""
    # Kristinehamn registered no new cars in 2025: the slope of 2022–2024 only, said so
    assert rows["1781"].value == pytest.approx(0.0)
    assert rows["1781"].reason == "ingen andel för 2025: lutningen slutar 2024"
    assert "ingen andel för 2025" in rows["1782"].reason
