"""Workbooks that would unpack into far more than they weigh, written without holding them.

`write_bomb(path, unpacked_bytes)` writes an .xlsx whose one sheet is `unpacked_bytes` of
identical rows (1 GB of sheet is about 1 MB of file). A block of rows is deflated once and its
bytes repeated: each copy ends with a full flush, which leaves nothing for the next copy to
refer back to, so the copies together are one valid deflate stream.
"""

# ruff: noqa: E501 (the parts of a workbook, as Excel writes them)
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)  # fmt: skip
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)  # fmt: skip
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)  # fmt: skip
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{dimension}<sheetData>"
)
SHEET_TAIL = "</sheetData></worksheet>"
ROW = '<row><c t="inlineStr"><is><t>konto</t></is></c><c><v>4010</v></c><c><v>1</v></c></row>'


def write_workbook(path: Path, rows: int, *, dimension: str = "", row: str = ROW) -> Path:
    """An .xlsx of `rows` copies of `row`, written and deflated in chunks of 1 MB."""
    head = SHEET_HEAD.format(dimension=f'<dimension ref="{dimension}"/>' if dimension else "")
    chunk_rows = max(1, (1 << 20) // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head.encode())
            left = rows
            block = (row * chunk_rows).encode()
            while left >= chunk_rows:
                sheet.write(block)
                left -= chunk_rows
            sheet.write((row * left).encode())
            sheet.write(SHEET_TAIL.encode())
    return path


def _deflated(data: bytes, compressor: zlib._Compress, flush: int) -> bytes:
    return compressor.compress(data) + compressor.flush(flush)


def write_bomb(path: Path, unpacked_bytes: int = 1 << 30) -> Path:
    """A workbook whose sheet unpacks to about `unpacked_bytes` (a multiple of 1 MB of rows)."""
    block = ROW.encode() * ((1 << 20) // len(ROW))
    copies = max(1, unpacked_bytes // len(block))
    head = SHEET_HEAD.format(dimension="").encode()
    tail = SHEET_TAIL.encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = _deflated(head, compressor, zlib.Z_FULL_FLUSH)
    repeated = _deflated(block, compressor, zlib.Z_FULL_FLUSH)
    last = _deflated(tail, compressor, zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + copies * len(block) + len(tail)
    compressed = len(first) + copies * len(repeated) + len(last)
    # The small parts through zipfile; the sheet appended by hand, then the directory again.
    write_workbook(path, 0)
    with zipfile.ZipFile(path) as archive:
        parts = [(i, archive.read(i)) for i in archive.infolist() if "worksheets" not in i.filename]
    with path.open("wb") as out:
        directory = []
        for info, data in parts:
            body = zlib.compress(data)[2:-4]
            directory.append(_entry(out, info.filename, zlib.crc32(data), len(body), len(data)))
            out.write(body)
        directory.append(_entry(out, "xl/worksheets/sheet1.xml", crc, compressed, size))
        out.write(first)
        for _ in range(copies):
            out.write(repeated)
        out.write(last)
        start = out.tell()
        for header in directory:
            out.write(header)
        end = out.tell()
        out.write(
            struct.pack(
                "<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory),
                end - start, start, 0,
            )
        )  # fmt: skip
    return path


def _entry(out, name: str, crc: int, compressed: int, size: int) -> bytes:  # type: ignore[no-untyped-def]
    """Write a member's local header; return its central directory record."""
    offset = out.tell()
    encoded = name.encode()
    fields = (20, 0, 8, 0, 0, crc, compressed, size, len(encoded), 0)
    out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + encoded)
    return (
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields[:-2], len(encoded), 0, 0, 0, 0, 0,
                    offset)
        + encoded
    )  # fmt: skip


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """An ordinary workbook holding `rows` on its first sheet."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
