"""Excel workbooks and SIE4 files become the same ledger lines as a CSV would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
from openpyxl import Workbook

from klimatkontrakt.sources import ledger


def lines(path: Path) -> list[dict[str, object]]:
    prepared = ledger.prepare(path, workdir=path.parent)
    cursor = duckdb.connect().execute(
        f"SELECT * FROM ({ledger.lines_sql(prepared, with_row=True)}) ORDER BY row_no"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def test_xlsx_with_title_rows_real_dates_and_numbers(tmp_path):
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Leverantörsreskontra 2024"])
    ws.append([])
    ws.append(
        [
            "Leverantör",
            "Organisationsnummer",
            "Förvaltning",
            "Konto",
            "Kontotext",
            "Belopp",
            "Datum",
        ]
    )
    ws.append(["Åkeriet AB", "556000-0001", "TFF", 6710, "Frakt", 1234.5, dt.datetime(2024, 3, 1)])
    ws.append(["Mejeri AB", "556000-0002", "BUF", "4012", "Mejeri", -100, "20240315"])
    ws.append(["Trasig AB", "556000-0003", "BUF", "4012", "Mejeri", "ett tusen", "2024-03-20"])
    path = tmp_path / "lev.xlsx"
    wb.save(path)
    got = lines(path)
    assert [(g["supplier_name"], g["account"], g["amount"]) for g in got[:2]] == [
        ("Åkeriet AB", "6710", Decimal("1234.50")),
        ("Mejeri AB", "4012", Decimal("-100.00")),
    ]
    assert got[0]["date"] == dt.date(2024, 3, 1)
    bad = ledger.bad_rows(duckdb.connect(), ledger.prepare(path, workdir=tmp_path))
    # The row number is the row in the sheet, where the user will look for it.
    assert [(b.row, b.column) for b in bad] == [(6, "Belopp")]


SIE = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#PROGRAM "Test" 1.0
#FNAMN "Exempelkommunen"
#ORGNR 212000-0000
#DIM 1 "Kostnadsställe"
#OBJEKT 1 "100" "Teknik- och fastighetsförvaltningen"
#OBJEKT 1 "200" "Barn- och ungdomsförvaltningen"
#KONTO 6610 "Drivmedel"
#KONTO 4010 "Livsmedel"
#KONTO 2440 "Leverantörsskulder"
#KONTO 2641 "Ingående moms"
#VER A 1 20240115 "Faktura Bränslebolaget"
{
#TRANS 6610 {1 "100"} 8000.00 20240115 "Diesel"
#TRANS 2641 {} 2000.00
#TRANS 2440 {} -10000.00
}
#VER A 2 20240220 "Faktura Grönsakshallen"
{
#TRANS 4010 {1 "200" 6 "P1"} 1500.50
#TRANS 4010 {1 "200"} -200.00 20240221 "Kreditnota"
#TRANS 2440 {} -1300.50
}
"""


def test_sie4_cost_lines_with_department_from_object_dimension(tmp_path):
    path = tmp_path / "bokforing.se"
    path.write_bytes(SIE.encode("cp437"))
    got = lines(path)
    assert [(g["account"], g["amount"], g["department"]) for g in got] == [
        ("6610", Decimal("8000.00"), "Teknik- och fastighetsförvaltningen"),
        ("4010", Decimal("1500.50"), "Barn- och ungdomsförvaltningen"),
        ("4010", Decimal("-200.00"), "Barn- och ungdomsförvaltningen"),
    ]
    assert got[0]["account_text"] == "Drivmedel"
    assert got[1]["date"] == dt.date(2024, 2, 20)  # no transaction date: the voucher's
    assert got[2]["date"] == dt.date(2024, 2, 21)
    assert got[2]["text"] == "Kreditnota"
    assert got[0]["invoice"] == "A-1"
    assert got[0]["row_no"] == 16  # the #TRANS line in the SIE file


def test_sie4_detected_by_content_whatever_the_name(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(SIE.encode("cp437"))
    assert len(lines(path)) == 3
