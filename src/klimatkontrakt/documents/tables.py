"""One `Table` for every downloadable table, and its CSV and XLSX renderings and downloads.

It lives in `documents/` beside the DOCX builder because a table is output like a document:
the pages' downloads, the exported workbooks and the Word documents all render the same `Table`.
CSV is RFC 4180 in UTF-8 with a BOM, so that Excel opens it right.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

Column = tuple[str, str]  # (key in the row dicts, heading with its unit)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Table:
    """Rows of figures under headed columns, with where they come from.

    `key` names the table in URLs, chart ids and download filenames; `source` is the provenance
    written under the data; `note` explains the method beside a chart.
    """

    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    source: str = ""
    note: str = ""


def csv_bytes(table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([label for _, label in table.columns])
    for row in table.rows:
        writer.writerow(["" if row.get(k) is None else row.get(k) for k, _ in table.columns])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def write_sheet(ws: Worksheet, table: Table) -> None:
    """Bold headings, one row per row, the source under the data, headings frozen."""
    ws.append([label for _, label in table.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append([row.get(k) for k, _ in table.columns])
    if table.source:
        ws.append([])
        ws.append([table.source])
    ws.freeze_panes = "A2"


def add_sheet(wb: Workbook, table: Table, title: str) -> None:
    """The table as one more sheet of a workbook of several tables."""
    write_sheet(wb.create_sheet(title[:31]), table)


def xlsx_bytes(table: Table, *, sheet: str = "Data") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet[:31]
    write_sheet(ws, table)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def attachment(body: bytes, filename: str) -> HttpResponse:
    """A file to save; the content type follows the filename's extension (csv or xlsx)."""
    response = HttpResponse(body, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download(table: Table, fmt: str, *, filename: str = "", sheet: str = "Data") -> HttpResponse:
    """The table as `<filename>.csv` or `.xlsx` (the filename defaults to the table's key)."""
    if fmt == "xlsx":
        body = xlsx_bytes(table, sheet=sheet)
    elif fmt == "csv":
        body = csv_bytes(table)
    else:
        return HttpResponse(f"Unknown format {fmt!r}; use csv or xlsx", status=400)
    return attachment(body, f"{filename or table.key}.{fmt}")
