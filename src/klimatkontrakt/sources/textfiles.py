"""Reading the text files municipalities really send: BOMs, UTF-16, cp1252, any line ending.

`read_text` and `csv_rows` are the guard every reader of an uploaded table goes through: an
empty file, a workbook or random bytes sent as CSV, and a field longer than the csv module
reads are refused with a SourceError naming the file, never an exception from deep inside.
"""

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import RowProblem, SourceError

ZIP_MAGIC = b"PK\x03\x04"  # .xlsx (and every zip)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)
# More columns than any table the project reads has; a header wider than this is not one.
MAX_CSV_COLUMNS = 1000
# DuckDB's own limit for a ledger line is 2 MB; no table line the project reads is longer.
MAX_LINE_CHARS = 1 << 20
# Control characters no text table holds (tab, line feed, form feed and carriage return do).
_CONTROL = {chr(c) for c in range(0x20)} - set("\t\n\f\r")

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def detect_encoding(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    # UTF-16 without BOM: every other byte of ASCII text is zero.
    head = data[:4000]
    if len(head) > 3 and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le"
    if len(head) > 3 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """Text with universal newlines (bare CR too) and the encoding it was read with."""
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="strict")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def sniff_delimiter(text: str, candidates: str = ";,\t") -> str:
    sample = "\n".join(text[: 1 << 16].split("\n", 20)[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=candidates).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in candidates}
        return max(counts, key=lambda d: counts[d])


def capped_lines(handle: IO[str], name: str, limit: int = MAX_LINE_CHARS) -> Iterator[str]:
    """The lines of an open text file, refusing (with its number) a line longer than `limit`
    before more of it than that is read."""
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            raise SourceError(
                RowProblem(
                    name,
                    number,
                    None,
                    _("the line is longer than %(limit)s characters; is this the right file?")
                    % {"limit": f"{limit:,}".replace(",", "\u00a0")},
                )
            )
        yield line


def looks_binary(text: str) -> bool:
    """Random bytes or a binary file read as text: a NUL, or more than 1 % control characters."""
    sample = text[: 1 << 20]
    if "\x00" in sample:
        return True
    return sum(1 for ch in sample if ch in _CONTROL) * 100 > len(sample)


def read_text(data: bytes, name: str) -> str:
    """An uploaded table's text with universal newlines, in whatever encoding it came in."""
    if not data.strip():
        raise SourceError(_("the file is empty"), name)
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise SourceError(
            _("this is an Excel workbook, and this table is read as CSV: save it as CSV in Excel"),
            name,
        )
    try:
        text, _encoding = decode(data)
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 reads any byte, and the check below
        # tells a text with a stray byte from a binary file.
        text = data.decode("latin-1").replace("\r\n", "\n").replace("\r", "\n")
    if looks_binary(text):
        raise SourceError(_("this is not a text (CSV) file; it holds binary data"), name)
    return text.lstrip("\ufeff")


def csv_rows(
    lines: Iterable[str], name: str, delimiter: str, first_line: int = 1
) -> Iterator[list[str]]:
    """csv.reader's rows; a field over the csv module's size limit, a broken line or a line
    wider than MAX_CSV_COLUMNS raises SourceError with the file and line (`lines` may start at
    line `first_line` of the file)."""
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceError(
                RowProblem(name, reader.line_num + first_line - 1, None, csv_problem(exc))
            ) from exc
        check_width(len(row), name, reader.line_num + first_line - 1)
        yield row


def check_width(columns: int, name: str, line: int) -> None:
    """Refuse a line of more than MAX_CSV_COLUMNS columns."""
    if columns > MAX_CSV_COLUMNS:
        raise SourceError(
            RowProblem(
                name,
                line,
                None,
                _("the line has %(n)s columns, more than the %(limit)s accepted")
                % {"n": columns, "limit": MAX_CSV_COLUMNS},
            )
        )


def csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return _(
            "a value is longer than %(limit)s characters; check that this is the right file "
            "and that every quote mark is closed"
        ) % {"limit": csv.field_size_limit()}
    return _("the line cannot be read as CSV (%(error)s)") % {"error": exc}


def read_csv_rows(data: bytes, name: str = "") -> list[list[str]]:
    text = read_text(data, name)
    return list(csv_rows(io.StringIO(text), name, sniff_delimiter(text)))
