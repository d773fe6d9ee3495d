"""Excel ledgers: the first sheet's header row and data rows, rewritten as a UTF-8 CSV."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def xlsx_to_csv(path: Path, target: Path) -> Path:
    """The header is the first row with at least three filled cells; rows keep sheet numbers."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            header: list[str] | None = None
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in row]
                if header is None:
                    if sum(1 for c in cells if c) >= 3:
                        header = [c or f"kolumn_{i + 1}" for i, c in enumerate(cells)]
                        writer.writerow([*header, "source_row"])
                    continue
                if not any(cells):
                    continue
                cells = (cells + [""] * len(header))[: len(header)]
                writer.writerow([*cells, str(number)])
    finally:
        workbook.close()
    if header is None:
        target.unlink(missing_ok=True)
        from klimatkontrakt.sources.ledger import LedgerFormatError

        raise LedgerFormatError(f"{path.name}: hittar ingen rubrikrad i första bladet")
    return target
