"""Reading ledgers as municipalities publish them: encodings, separators, numbers, dates."""

from __future__ import annotations

import codecs
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from klimatkontrakt.sources import ledger
from klimatkontrakt.sources.errors import SourceError
from tests.sources.ledger_files import HEADER, ROWS, TOTAL_SEK, write_csv


def read(path: Path, mapping: ledger.ColumnMapping | None = None) -> list[dict[str, object]]:
    prepared = ledger.prepare(path, mapping, workdir=path.parent)
    con = duckdb.connect()
    cursor = con.execute(f"SELECT * FROM ({ledger.lines_sql(prepared)}) ORDER BY date")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@pytest.mark.parametrize(
    ("encoding", "sep", "newline"),
    [
        ("utf-8", ";", "\n"),
        ("utf-8-sig", ";", "\r\n"),
        ("utf-16", ";", "\r\n"),
        ("cp1252", ";", "\r\n"),
        ("utf-8", ",", "\n"),
        ("utf-8", "\t", "\n"),
        ("cp1252", "\t", "\r"),
        ("utf-8", ";", "\r"),
    ],
)
def test_every_published_variant_reads_the_same_lines(tmp_path, encoding, sep, newline):
    path = write_csv(tmp_path / "lev.csv", sep=sep, encoding=encoding, newline=newline)
    lines = read(path)
    assert len(lines) == 4
    assert [line["bad_reason"] for line in lines] == [None] * 4
    assert sum(Decimal(str(line["amount"])) for line in lines) == Decimal(str(TOTAL_SEK))
    suppliers = {line["supplier_name"] for line in lines}
    assert {"Åkeriet i Värmland AB", "Mejeri Öst AB", "*", "Bygg & Betong AB"} == suppliers


def test_encoding_detection_on_raw_bytes():
    text = "leverantör;belopp\nÅre Åkeri;1,5\n"
    assert ledger.detect_encoding(codecs.BOM_UTF8 + text.encode()) == "utf-8-sig"
    assert ledger.detect_encoding(text.encode("utf-16")) == "utf-16"
    assert ledger.detect_encoding(text.encode("cp1252")) == "cp1252"
    assert ledger.detect_encoding(text.encode("utf-8")) == "utf-8"


def test_cp1252_only_characters_survive(tmp_path):
    rows = [
        ("1", "Kött – Chark AB €", "556000-0009", "Kost", "4011", "Kött", "10,00", "2024-01-01")
    ]
    path = write_csv(tmp_path / "lev.csv", rows=rows, encoding="cp1252", newline="\r\n")
    assert read(path)[0]["supplier_name"] == "Kött – Chark AB €"


@pytest.mark.parametrize(
    ("encoding", "bom", "in_place"),
    [
        ("utf-8", b"", True),
        ("utf-16-le", codecs.BOM_UTF16_LE, True),  # DuckDB decodes UTF-16 LE itself
        ("utf-16-be", codecs.BOM_UTF16_BE, False),  # ... but not big-endian: rewritten
        ("cp1252", b"", True),  # no byte 0x80-0x9F: read as Latin-1, the same characters
    ],
)
def test_files_duckdb_can_decode_are_read_in_place(tmp_path, encoding, bom, in_place):
    text = write_csv(tmp_path / "src.csv").read_text(encoding="utf-8")
    path = tmp_path / "lev.csv"
    path.write_bytes(bom + text.encode(encoding))
    prepared = ledger.prepare(path, workdir=tmp_path)
    assert (prepared.text_path == path) is in_place
    assert (prepared.temporary == []) is in_place
    assert read(path) == read(tmp_path / "src.csv")


def test_a_cp1252_file_with_its_own_characters_is_rewritten(tmp_path):
    """0x80-0x9F (€ – ’ …) mean other characters in Latin-1, so such a file is transcoded,
    wherever the byte is (here after the sample DuckDB's reader would judge by)."""
    rows = [*ROWS * 20000, ("1", "Kött – Chark AB", "556000-0009", "Kost", "4011", "", "1", "")]
    path = write_csv(tmp_path / "lev.csv", rows=rows, encoding="cp1252", newline="\r\n")
    assert path.stat().st_size > 1 << 22  # the C1 byte lies beyond the 4 MiB sample
    prepared = ledger.prepare(path, workdir=tmp_path)
    assert prepared.text_path != path and prepared.encoding == "cp1252"
    assert read(path)[-1]["supplier_name"] == "Kött – Chark AB"


def test_dates_in_all_three_shapes(tmp_path):
    dates = [line["date"].isoformat() for line in read(write_csv(tmp_path / "l.csv"))]
    assert dates == ["2024-03-01", "2024-03-15", "2024-04-01", "2024-05-20"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234,50", Decimal("1234.50")),
        ("1\u00a0234,50", Decimal("1234.50")),
        ("1\u202f234,5", Decimal("1234.50")),
        ("1.234,50", Decimal("1234.50")),
        ("1234.50", Decimal("1234.50")),
        ("\u22121 000,00", Decimal("-1000.00")),
        ("-7,25", Decimal("-7.25")),
    ],
)
def test_amount_formats(tmp_path, raw, expected):
    rows = [("1", "A", "1", "X", "4010", "t", raw, "2024-01-01")]
    assert read(write_csv(tmp_path / "l.csv", rows=rows))[0]["amount"] == expected


def test_bad_rows_name_file_row_column_and_reason(tmp_path):
    rows = [
        *ROWS,
        ("1", "B", "1", "X", "4010", "t", "tolv kronor", "2024-01-01"),
        ("1", "C", "1", "X", "", "t", "5,00", "2024-01-01"),
        ("1", "D", "1", "X", "4010", "t", "5,00", "2024-13-45"),
    ]
    path = write_csv(tmp_path / "lev.csv", rows=rows)
    prepared = ledger.prepare(path, workdir=tmp_path)
    found = ledger.bad_rows(duckdb.connect(), prepared)
    assert [(b.file, b.row, b.column) for b in found] == [
        ("lev.csv", 6, "belopp"),
        ("lev.csv", 7, "konto_nr"),
        ("lev.csv", 8, "datum"),
    ]
    assert "inte ett tal" in found[0].reason and found[0].value == "tolv kronor"
    assert found[0].message().startswith("lev.csv, rad 6, kolumn belopp:")


def test_rows_that_do_not_split_into_the_header_columns_are_reported(tmp_path):
    path = tmp_path / "lev.csv"
    path.write_text(
        ";".join(HEADER)
        + "\n1;A;1;X;4010;t;5,00;2024-01-01\n1;A;1;X;4010;t;5,00;2024-01-01;extra\n",
        encoding="utf-8",
    )
    prepared = ledger.prepare(path, workdir=tmp_path)
    con = duckdb.connect()
    assert len(con.execute(ledger.lines_sql(prepared)).fetchall()) == 1
    found = ledger.bad_rows(con, prepared)
    assert [(b.row, b.reason) for b in found] == [(3, "för många kolumner")]


def test_missing_required_column_refuses_the_file(tmp_path):
    path = write_csv(
        tmp_path / "lev.csv",
        header=["leverantor", "forvaltning", "konto_nr", "konto_text", "x", "datum", "a", "b"],
    )
    with pytest.raises(SourceError, match="amount"):
        ledger.prepare(path, workdir=tmp_path)


def test_column_mapping_for_another_layout(tmp_path):
    header = ("Leverantörsnamn", "Orgnr", "Enhet", "Kto", "Benämning", "Summa SEK", "Bokf.dag")
    rows = [("Mejeri Öst AB", "556000-0002", "BUF", "4012", "Mejeri", "99,50", "05/03/2024")]
    path = write_csv(tmp_path / "annan.csv", rows=rows, header=header)
    with pytest.raises(SourceError):
        ledger.prepare(path, workdir=tmp_path)
    mapping = ledger.ColumnMapping(
        columns={
            "account": "Kto",
            "amount": "Summa SEK",
            "date": "Bokf.dag",
            "account_text": "Benämning",
        },
        date_format="%d/%m/%Y",
    )
    assert ledger.ColumnMapping.from_dict(mapping.to_dict()) == mapping
    line = read(path, mapping)[0]
    assert (line["supplier_name"], line["department"], line["account"]) == (
        "Mejeri Öst AB",
        "BUF",
        "4012",
    )
    assert line["amount"] == Decimal("99.50") and line["date"].isoformat() == "2024-03-05"


def test_content_hash_depends_on_bytes_only(tmp_path):
    a = write_csv(tmp_path / "a.csv")
    b = write_csv(tmp_path / "b.csv")
    c = write_csv(tmp_path / "c.csv", sep=",")
    assert ledger.content_hash(a) == ledger.content_hash(b) != ledger.content_hash(c)


@pytest.mark.parametrize("size", [0, 1, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, 2 * (1 << 24) + 7])
def test_content_hash_reads_every_byte_across_window_edges(tmp_path, size):
    import xxhash

    data = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert ledger.content_hash(path) == xxhash.xxh3_128(data).hexdigest()
    path.write_bytes(data[:-1] + b"x" if data else b"x")
    assert ledger.content_hash(path) != xxhash.xxh3_128(data).hexdigest()


def test_headings_of_the_national_specification_as_municipalities_publish_them(tmp_path):
    # Column names used in Göteborg's, Västerås' and Borås' published files (lankadedata.se
    # specification for leverantörsreskontra): one posting per row, decimal comma.
    path = tmp_path / "goteborg.csv"
    path.write_text(
        "kopare,kopare_id,verifikationsnummer,leverantor,leverantor_id,konto_nr,konto_text,"
        "belopp,datum\n"
        'Göteborgs Stad,212000-1355,V1,Leverantör AB,556000-0001,4610,Livsmedel,"3270,50",'
        "2024-03-01\n",
        encoding="utf-8",
    )
    found = ledger.map_columns(path.read_text(encoding="utf-8").splitlines()[0].split(","))
    assert found["buyer_name"] == "kopare" and found["buyer_id"] == "kopare_id"
    assert found["invoice"] == "verifikationsnummer" and found["supplier_id"] == "leverantor_id"
    (row,) = read(path)
    assert row["amount"] == Decimal("3270.50") and row["account"] == "4610"
