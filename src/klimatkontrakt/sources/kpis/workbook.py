"""The one place the national comparison's readers open a file: a workbook's sheets, or a CSV
file as a single sheet, as rows of cell values.

Every reader goes through `open_book`, so a guarded workbook opener (limits on a workbook's
unpacked size) can replace the openpyxl call here alone.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.textfiles import read_csv_rows

CSV_SHEET = "csv"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
KNOWN_SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")

Row = tuple[object, ...]


@dataclass(frozen=True)
class Book:
    """A file's sheets in their order, each a list of rows (row 1 of the sheet first)."""

    filename: str
    sheets: dict[str, list[Row]]

    def sheet(self, name: str) -> list[Row] | None:
        return self.sheets.get(name)


def open_book(content: bytes, filename: str) -> Book:
    """The file's sheets; a file that is neither a readable workbook nor CSV is refused."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return Book(filename, _workbook_sheets(content, filename))
    if suffix == ".csv":
        try:
            rows = read_csv_rows(content)
        except (UnicodeDecodeError, ValueError) as exc:
            raise SourceError(_("the file's text encoding could not be read"), filename) from exc
        return Book(filename, {CSV_SHEET: [tuple(r) for r in rows]})
    raise SourceError(
        _("unknown file type %(suffix)s (expected .xlsx or .csv)") % {"suffix": suffix or "-"},
        filename,
    )


def _workbook_sheets(content: bytes, filename: str) -> dict[str, list[Row]]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():  # "Unknown extension": workbook parts openpyxl skips
        warnings.simplefilter("ignore", UserWarning)
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
            finally:
                book.close()
        except Exception as exc:  # openpyxl raises many unrelated kinds for a broken file
            raise SourceError(
                _("not a readable Excel workbook (%(error)s)") % {"error": exc.__class__.__name__},
                filename,
            ) from exc
