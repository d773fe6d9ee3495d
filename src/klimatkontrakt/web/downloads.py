"""Tables as downloads: CSV (RFC 4180, UTF-8 with BOM so Excel opens it right) and XLSX."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

Column = tuple[str, str]  # (key in row dicts, header label)


def csv_bytes(columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([label for _, label in columns])
    for row in rows:
        writer.writerow(["" if row.get(k) is None else row.get(k) for k, _ in columns])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def xlsx_bytes(
    columns: Sequence[Column],
    rows: Iterable[dict[str, Any]],
    *,
    sheet: str = "Data",
    source: str = "",
) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet[:31]
    ws.append([label for _, label in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row.get(k) for k, _ in columns])
    if source:
        ws.append([])
        ws.append([source])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_response(
    filename: str,
    columns: Sequence[Column],
    rows: Iterable[dict[str, Any]],
    fmt: str,
    *,
    source: str = "",
) -> HttpResponse:
    rows = list(rows)
    if fmt == "xlsx":
        body = xlsx_bytes(columns, rows, source=source)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        body = csv_bytes(columns, rows)
        ctype = "text/csv; charset=utf-8"
    else:
        return HttpResponse(f"Unknown format {fmt!r}; use csv or xlsx", status=400)
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
