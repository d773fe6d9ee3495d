"""The one place the national comparison's readers open a file: a workbook's sheets, or a CSV
file as a single sheet, as rows of cell values.

Every reader goes through `open_book`; workbooks are opened by the project's guarded reader
(`sources.workbooks.all_sheets`: limits on unpacked size and sheet size before unpacking).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.textfiles import read_csv_rows
from klimatkontrakt.sources.workbooks import all_sheets

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
    return all_sheets(content, filename)
