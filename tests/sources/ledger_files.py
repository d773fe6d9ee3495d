"""Write small ledgers in the shapes municipalities publish, for the reader and engine tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

HEADER = (
    "kopare_id",
    "leverantor",
    "leverantor_id",
    "forvaltning",
    "konto_nr",
    "konto_text",
    "belopp",
    "datum",
)
# (supplier, org number, department, account, account text, amount, date) as a municipality
# would write them: Swedish characters, a decimal comma, a thousands separator, a credit note.
ROWS: Sequence[tuple[str, ...]] = (
    (
        "212000-0000",
        "Åkeriet i Värmland AB",
        "556000-0001",
        "Teknik- och fastighetsförvaltningen",
        "6710",
        "Transporter och frakt",
        "12 345,50",
        "2024-03-01",
    ),
    (
        "212000-0000",
        "Mejeri Öst AB",
        "556000-0002",
        "Barn- och ungdomsförvaltningen",
        "4012",
        "Mejeriprodukter",
        "-1 000,00",
        "20240315",
    ),
    (
        "212000-0000",
        "*",
        "",
        "Vård- och omsorgsförvaltningen",
        "4510",
        "Köp av vård och omsorg",
        "250000",
        "202404",
    ),
    (
        "212000-0000",
        "Bygg & Betong AB",
        "556000-0003",
        "Teknik- och fastighetsförvaltningen",
        "4610",
        "Byggentreprenad nybyggnad",
        "1\u00a0000\u00a0000,00",
        "2024-05-20",
    ),
)
TOTAL_SEK = 12345.50 - 1000.00 + 250000 + 1_000_000.00


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]] = ROWS,
    header: Sequence[str] = HEADER,
    sep: str = ";",
    encoding: str = "utf-8",
    newline: str = "\n",
) -> Path:
    def field(value: str) -> str:
        if sep in value or '"' in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    text = newline.join(sep.join(field(v) for v in row) for row in [header, *rows]) + newline
    path.write_bytes(text.encode(encoding))
    return path
