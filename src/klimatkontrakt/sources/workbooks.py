"""Opening the Excel workbooks people upload, for every reader of sheets.

An .xlsx file is a zip archive. Before anything unpacks it, `check_workbook` reads only the
archive's central directory and the first bytes of each sheet and refuses a file that would
unpack into more than the limits below (a "zip bomb": a few megabytes that inflate to
gigabytes and hold a worker for minutes). `sheet_rows` then streams the first sheet with a hard
cap on rows and cells, for a sheet that does not declare its size. The limits are documented in
docs/deployment.md ("Limits on uploads").
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.textfiles import OLE_MAGIC, ZIP_MAGIC, read_csv_rows

# Room for Excel's own maximum sheet (1 048 576 rows) of a national ledger (15 columns) with
# long texts; a workbook beyond this is not a municipality's export.
MAX_UNPACKED_BYTES = 2 << 30
# Real workbooks compress 5-30 times (a ledger export of one supplier repeated: ~40); a part
# larger than 1 MB that compresses more than this is not a table.
MAX_RATIO = 100
_RATIO_FROM = 1 << 20
# openpyxl holds the shared strings in memory (about 3 bytes of memory per byte of XML).
MAX_SHARED_STRINGS_BYTES = 256 << 20
MAX_CELLS = 30_000_000  # 1 048 576 rows x 28 columns
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 16_384  # Excel's own limit (XFD)
MAX_MEMBERS = 10_000

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_SHEET_HEAD = 1 << 16


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.0f}".replace(",", "\u00a0")


def _stream(source: bytes | Path) -> IO[bytes]:
    return io.BytesIO(source) if isinstance(source, bytes) else Path(source).open("rb")


def _open_zip(source: bytes | Path, name: str) -> zipfile.ZipFile:
    with _stream(source) as stream:
        head = stream.read(8)
    if not head.startswith(ZIP_MAGIC):
        raise SourceError(
            _("not an Excel workbook (.xlsx); if it is a CSV file, give it the name ending .csv")
            if head
            else _("the file is empty"),
            name,
        )
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise SourceError(
            _("the workbook is damaged or cut short; save it again from Excel"), name
        ) from exc


def check_workbook(source: bytes | Path, name: str) -> None:
    """Refuse, without unpacking it, a workbook that is not one or is larger than the limits."""
    with _open_zip(source, name) as archive:
        _check_archive(archive, name)


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise SourceError(_("the workbook holds too many parts to be a table"), name)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise SourceError(
            _(
                "the workbook would unpack to %(size)s MB, more than the %(limit)s MB accepted; "
                "split it or send it as CSV"
            )
            % {"size": _mb(total), "limit": _mb(MAX_UNPACKED_BYTES)},
            name,
        )
    for info in infos:
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SourceError(
                _(
                    "the workbook part %(part)s unpacks %(ratio)s times larger than it is "
                    "stored; a table never does, so the file is refused"
                )
                % {"part": info.filename, "ratio": info.file_size // max(info.compress_size, 1)},
                name,
            )
        if info.filename.lower().endswith("sharedstrings.xml") and (
            info.file_size > MAX_SHARED_STRINGS_BYTES
        ):
            raise SourceError(
                _("the workbook's texts take %(size)s MB, more than the %(limit)s MB accepted")
                % {"size": _mb(info.file_size), "limit": _mb(MAX_SHARED_STRINGS_BYTES)},
                name,
            )
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            _check_dimension(archive, info, name)


def _check_dimension(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """The sheet's declared size (its <dimension> element), read from its first 64 KB only."""
    try:
        with archive.open(info) as member:
            head = member.read(_SHEET_HEAD)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise SourceError(
            _("the workbook is damaged or cut short; save it again from Excel"), name
        ) from exc
    match = _DIMENSION.search(head)
    if match is None or match.group(3) is None:
        return
    rows = int(match.group(4)) - int(match.group(2)) + 1
    columns = _column_number(match.group(3)) - _column_number(match.group(1)) + 1
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise SourceError(_too_large(rows, columns), name)


def _too_large(rows: int, columns: int) -> str:
    return _(
        "the sheet has %(rows)s rows and %(columns)s columns, more than the %(cells)s cells "
        "accepted; split it or send it as CSV"
    ) % {
        "rows": f"{rows:,}".replace(",", "\u00a0"),
        "columns": f"{columns:,}".replace(",", "\u00a0"),
        "cells": f"{MAX_CELLS:,}".replace(",", "\u00a0"),
    }


# What openpyxl (through zipfile, zlib and its XML parser) raises for a broken file.
BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
)


def sheet_rows(source: bytes | Path, name: str) -> Iterator[tuple[Any, ...]]:
    """The first sheet's rows as value tuples, after `check_workbook`; a broken or oversized
    workbook raises SourceError naming the file, at any point of the iteration."""
    check_workbook(source, name)
    with _stream(source) as stream:
        workbook = _load(stream, name)
        try:
            if not workbook.worksheets:
                raise SourceError(_("the workbook has no sheets"), name)
            yield from _capped(workbook.worksheets[0], name)
        finally:
            workbook.close()


def all_sheets(source: bytes | Path, name: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows by sheet title, in the workbook's order, with the same checks and
    caps as `sheet_rows` (for readers that need more than the first sheet)."""
    check_workbook(source, name)
    with _stream(source) as stream:
        workbook = _load(stream, name)
        try:
            return {ws.title: list(_capped(ws, name)) for ws in workbook.worksheets}
        finally:
            workbook.close()


def _load(stream: IO[bytes], name: str) -> Any:
    """openpyxl's read-only workbook; a file object, not a path, as openpyxl judges a path by
    its ending, not by its content."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():  # "Unknown extension": workbook parts openpyxl skips
        warnings.simplefilter("ignore", UserWarning)
        try:
            return load_workbook(stream, read_only=True, data_only=True)
        except BROKEN as exc:
            raise SourceError(
                _("not a readable Excel workbook (%(error)s)") % {"error": exc.__class__.__name__},
                name,
            ) from exc


def _capped(worksheet: Any, name: str) -> Iterator[tuple[Any, ...]]:
    cells = 0
    rows = worksheet.iter_rows(values_only=True)
    for number in range(1, MAX_ROWS + 2):
        try:
            row = next(rows)
        except StopIteration:
            return
        except BROKEN as exc:
            raise SourceError(
                _("the workbook is damaged or cut short; save it again from Excel"), name
            ) from exc
        cells += len(row)
        if number > MAX_ROWS or len(row) > MAX_COLUMNS or cells > MAX_CELLS:
            raise SourceError(_too_large(number, len(row)), name)
        yield row


def xls_rows(data: bytes, name: str) -> list[list[object]]:
    """The first sheet of an Excel 97-2003 (.xls) file; it is not compressed, so the upload
    limit bounds it, and the cell cap bounds the table it declares."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheet = book.sheet_by_index(0)
        if sheet.nrows * max(sheet.ncols, 1) > MAX_CELLS:
            raise SourceError(_too_large(sheet.nrows, sheet.ncols), name)
        return [sheet.row_values(i) for i in range(sheet.nrows)]
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, *BROKEN) as exc:
        raise SourceError(
            _("not a readable Excel workbook (%(error)s)") % {"error": exc.__class__.__name__},
            name,
        ) from exc


def table_rows(data: bytes, name: str) -> list[list[str]]:
    """A table sent as .xlsx, .xls or CSV, as cell texts; the content tells which it is, not
    the name's ending (a CSV file named .xlsx is read as the CSV it is)."""
    if data.startswith(OLE_MAGIC):
        return [[cell_text(v) for v in row] for row in xls_rows(data, name)]
    if data.startswith(ZIP_MAGIC):
        return [[cell_text(v) for v in row] for row in sheet_rows(data, name)]
    return read_csv_rows(data, name)
