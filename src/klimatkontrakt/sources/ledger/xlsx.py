"""Excel ledgers: the first sheet's header row and data rows, rewritten as a UTF-8 CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.workbooks import sheet_rows


def xlsx_to_csv(path: Path, target: Path, name: str | None = None) -> Path:
    """The header is the first row with at least three filled cells; rows keep sheet numbers.

    ``name`` is the file's name as uploaded, for messages (``path`` may be a staged copy)."""
    name = name or path.name
    try:
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            header: list[str] | None = None
            for number, row in enumerate(sheet_rows(path, name), start=1):
                cells = [cell_text(v) for v in row]
                if header is None:
                    if sum(1 for c in cells if c) >= 3:
                        header = [c or f"kolumn_{i + 1}" for i, c in enumerate(cells)]
                        writer.writerow([*header, "source_row"])
                    continue
                if not any(cells):
                    continue
                cells = (cells + [""] * len(header))[: len(header)]
                writer.writerow([*cells, str(number)])
    except SourceError:
        target.unlink(missing_ok=True)
        raise
    if header is None:
        target.unlink(missing_ok=True)
        raise SourceError(_("no header row in the first sheet"), name)
    return target
