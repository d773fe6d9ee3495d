"""Files DuckDB reads in place and files it cannot: the figures never depend on the path taken.

UTF-8, UTF-16 LE and cp1252 without the bytes 0x80-0x9F are read where they are; anything
DuckDB cannot read in place (mixed line endings, a broken character) is rewritten as UTF-8 with
LF endings and read again, as every such file was before session 4.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from klimatkontrakt.footprint.engine import Engine, run
from klimatkontrakt.sources import ledger
from tests.footprint.test_engine import FACTORS, RULES

HEAD = "kopare_id;leverantor;forvaltning;konto_nr;belopp;datum"


def lines(*rows: str) -> list[str]:
    return [HEAD, *rows]


def utf16(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def figures(path: Path, mapping: ledger.ColumnMapping | None = None) -> tuple[int, int, float]:
    result = run([path], RULES, FACTORS, mapping=mapping, threshold=1)
    return result["lines"], result["lines_rejected"], result["spend_sek"]


def suppliers(path: Path, mapping: ledger.ColumnMapping | None = None) -> list[str]:
    engine = Engine()
    try:
        assert engine.load(path, mapping, threshold=1).status == "accepted"
        engine.compute(RULES, FACTORS)
        return [line["supplier_name"] for line in engine.lines(limit=100_000)]
    finally:
        engine.close()


def test_mixed_line_endings_are_read_after_a_rewrite(tmp_path):
    """CRLF with one LF line: DuckDB cannot split it in place, so it is transcoded first."""
    body = "\r\n".join(lines("1;Öst AB;TFF;4010;1,00;2024-01-01")) + "\n"
    body += "1;Väst AB;TFF;4010;2,00;2024-01-02\r\n"
    for encoding in ("cp1252", "utf-8"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(body.encode(encoding))
        assert figures(path) == (2, 0, 3.0)


def test_utf16_with_crlf_is_read_in_place(tmp_path):
    """The Windows 'Unicode text' export: UTF-16 LE, BOM, CRLF."""
    path = tmp_path / "l.csv"
    path.write_bytes(utf16("\r\n".join(lines("1;Öst AB;TFF;4010;1,00;2024-01-01")) + "\r\n"))
    assert ledger.prepare(path, workdir=tmp_path).text_path == path
    assert figures(path) == (1, 0, 1.0)


@pytest.mark.parametrize("early", [True, False])
def test_a_broken_utf16_character_becomes_a_replacement_character(tmp_path, early):
    """An unpaired surrogate, in the sample Python reads or far beyond it."""
    good = ["1;Öst AB;TFF;4010;1,00;2024-01-01" for _ in range(0 if early else 30000)]
    text = "\n".join(lines(*good, "1;A")).encode("utf-16-le")
    tail = ";TFF;4010;2,00;2024-01-02\n".encode("utf-16-le")
    path = tmp_path / "l.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + text + b"\x00\xd8" + tail)
    assert figures(path) == (len(good) + 1, 0, len(good) + 2.0)
    assert "A\ufffd" in suppliers(path)


def test_a_utf16_file_with_an_odd_byte_count_names_its_last_row(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes(utf16("\n".join(lines("1;Öst AB;TFF;4010;1,00;2024-01-01")) + "\n") + b"\n")
    result = run([path], RULES, FACTORS, threshold=1)
    assert (result["lines"], result["lines_rejected"]) == (1, 1)
    assert result["files"][0]["skipped"][0].startswith("l.csv, rad 3")


def test_latin1_named_in_the_mapping_with_a_c1_byte(tmp_path):
    """Latin-1 has control characters at 0x80-0x9F, which DuckDB's decoder refuses."""
    path = tmp_path / "l.csv"
    path.write_bytes("\n".join(lines("1;\x80 AB;TFF;4010;1,00;2024-01-01")).encode("latin-1"))
    mapping = ledger.ColumnMapping(encoding="latin-1")
    assert figures(path, mapping) == (1, 0, 1.0)
    assert suppliers(path, mapping) == ["\x80 AB"]


def test_utf8_named_in_the_mapping_with_a_broken_byte_is_read(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes(
        "\n".join(lines("1;#st AB;TFF;4010;1,00;2024-01-01")).encode().replace(b"#", b"\xd6")
    )
    mapping = ledger.ColumnMapping(encoding="UTF-8")
    assert figures(path, mapping) == (1, 0, 1.0)
    assert suppliers(path, mapping) == ["\ufffdst AB"]


def test_a_quoted_line_break_is_kept_as_written_whatever_the_encoding(tmp_path):
    """Read in place, a CRLF inside quotes stays CRLF, for UTF-8 as for cp1252 and UTF-16."""
    text = "\r\n".join(lines('1;"Öst\r\nAB";TFF;4010;1,00;2024-01-01')) + "\r\n"
    found = set()
    for encoding, data in (
        ("utf-8", text.encode()),
        ("cp1252", text.encode("cp1252")),
        ("utf-16", utf16(text)),
    ):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(data)
        found.update(suppliers(path))
    assert found == {"Öst\r\nAB"}
