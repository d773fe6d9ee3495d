"""One `Table` for every downloadable table, and its CSV and XLSX renderings and downloads.

It lives in `documents/` beside the DOCX builder because a table is output like a document:
the pages' downloads, the exported workbooks and the Word documents all render the same `Table`.
CSV comes in two dialects, both UTF-8 with a BOM: `csv` for Swedish Excel (semicolons, decimal
comma), which opens it in columns with a double click, and `csv-intl` (commas, decimal point) for
programs and Excel set to English.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

Column = tuple[str, str]  # (key in the row dicts, heading with its unit)

# Download formats: the `format` query value -> (file ending, CSV dialect or None for XLSX).
FORMATS = {"csv": ("csv", "sv"), "csv-intl": ("csv", "intl"), "xlsx": ("xlsx", None)}

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


def _cell(value: Any, dialect: str) -> Any:
    if value is None:
        return ""
    if dialect == "sv" and isinstance(value, float | Decimal) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return value


def csv_bytes(table: Table, dialect: str = "sv") -> bytes:
    """The table as CSV: `sv` for Swedish Excel (`;`, decimal comma), `intl` (`,`, point)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if dialect == "sv" else ",")
    writer.writerow([label for _, label in table.columns])
    for row in table.rows:
        writer.writerow([_cell(row.get(k), dialect) for k, _ in table.columns])
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
    """The table as `<filename>.csv` (Swedish Excel), `<filename>-intl.csv` or `.xlsx` (the
    filename defaults to the table's key)."""
    if fmt not in FORMATS:
        return HttpResponse(f"Unknown format {fmt!r}; use csv, csv-intl or xlsx", status=400)
    ending, dialect = FORMATS[fmt]
    body = xlsx_bytes(table, sheet=sheet) if dialect is None else csv_bytes(table, dialect)
    name = filename or table.key
    return attachment(body, f"{name}-intl.{ending}" if dialect == "intl" else f"{name}.{ending}")
