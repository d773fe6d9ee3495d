"""What every reader of the national comparison's files shares: the records it returns, the
header search by column names, the publishers' ways of writing "none", and the matching of
municipality names to SCB codes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.kpis.workbook import Book, Row

# How the publishers write "no such thing here" in a count column (hyphen, en dash, em dash).
NONE_MARKS = {"-", "–", "—", "..", ""}


@dataclass(frozen=True)
class Record:
    """One figure of one municipality from one file: a number, or text and a link."""

    code: str  # SCB municipality code
    key: str  # what the figure is, e.g. "ev_share_pct", "population" (see keys in comparison)
    year: int | None
    number: float | None = None
    text: str = ""
    link: str = ""
    row: int | None = None


@dataclass(frozen=True)
class Reading:
    """A whole file, read: its layout (`kind`), publisher, edition and the records it holds."""

    kind: str
    publisher: str
    edition: str
    edition_date: dt.date | None
    records: list[Record] = field(default_factory=list)


@dataclass(frozen=True)
class Header:
    """A header row found by its names: its 1-based row number and each name's 0-based column."""

    row: int
    columns: dict[str, int]

    def where(self, name: str) -> str:
        """Column letter and heading, as problems name a column: "C (Antal laddpunkter)"."""
        return f"{get_column_letter(self.columns[name] + 1)} ({name})"


def norm(value: object) -> str:
    """A heading or name compared loosely: case, spacing, line breaks and footnote marks aside."""
    text = cell_text(value).casefold()
    text = re.sub(r"\d\)$", "", text.strip())  # "Elhybrider1)" -> "elhybrider"
    return re.sub(r"\s+", " ", text).strip()


def find_header(
    rows: Sequence[Row],
    required: Iterable[str],
    *,
    filename: str,
    sheet: str,
    match: Callable[[str, str], bool] | None = None,
    limit: int = 40,
) -> Header:
    """The first of the top `limit` rows holding every required heading (compared by `norm`,
    or by `match(wanted, cell)`); refused, naming the missing headings, when there is none."""
    wanted = list(required)
    equal = match or (lambda want, cell: norm(want) == cell)
    for index, row in enumerate(rows[:limit]):
        cells = [norm(c) for c in row]
        found: dict[str, int] = {}
        for name in wanted:
            col = next((i for i, c in enumerate(cells) if c and equal(name, c)), None)
            if col is not None:
                found[name] = col
        if len(found) == len(wanted):
            return Header(index + 1, found)
    raise SourceError(
        RowProblem(
            filename,
            None,
            None,
            _("sheet %(sheet)s has no header row with the columns %(columns)s")
            % {"sheet": sheet, "columns": ", ".join(wanted)},
        )
    )


def count(value: object) -> float:
    """A count or length cell: a number, or a publisher's mark for none (0); else ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = cell_text(value).replace("\u00a0", "").replace(" ", "")
    if text in NONE_MARKS:
        return 0.0
    return float(text.replace(",", "."))


def number(value: object) -> float | None:
    """A measured value: a number, or None where the cell is empty or a none-mark."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = cell_text(value).replace("\u00a0", "").replace(" ", "")
    if text in NONE_MARKS:
        return None
    return float(text.replace(",", "."))


def cell(row: Row, col: int) -> object:
    return row[col] if col < len(row) else None


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFC", cell_text(name)).casefold()
    text = re.sub(r"[\s\-‐–_.]+", "", text)
    return text


# Names publishers use that no rule below derives from SCB's name.
ALIASES = {"malung": "Malung-Sälen", "falu": "Falun"}
PREFIXES = ("region ",)
SUFFIXES = (" kommun", " stad", " municipality")


class NameMatcher:
    """SCB codes for municipality names as publishers write them: any case, with or without
    hyphens and spaces ("Upplands-Väsby"), "kommun" or "stad" after it (in genitive: "Bergs
    kommun"), "Region Gotland", and the short forms in `ALIASES` ("Malung", "Falu")."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)  # code -> SCB name
        self._by_fold = {_fold(name): code for code, name in names.items()}
        for alias, name in ALIASES.items():
            code = self._by_fold.get(_fold(name))
            if code is not None:
                self._by_fold.setdefault(_fold(alias), code)

    def code(self, name: object) -> str | None:
        text = re.sub(r"\s+", " ", cell_text(name)).strip().casefold()
        text = re.sub(r"\s*\([^)]*\)$", "", text)  # "Region Gotland (kommun)"
        if not text:
            return None
        stems = [text]
        for prefix in PREFIXES:
            if text.startswith(prefix):
                stems.append(text[len(prefix) :])
        for suffix in SUFFIXES:
            if text.endswith(suffix):
                stem = text[: -len(suffix)]
                stems += [stem, stem[:-1]] if stem.endswith("s") else [stem]
        for stem in stems:
            code = self._by_fold.get(_fold(stem))
            if code is not None:
                return code
        return None

    def code_of_number(self, value: object) -> str | None:
        """A code written as a number (114) or text ("0114"), when SCB's table knows it."""
        text = cell_text(value)
        if not text.isdigit() or len(text) > 4:
            return None
        code = text.zfill(4)
        return code if code in self.names else None


def unmatched(filename: str, row: int, column: str, name: object) -> RowProblem:
    return RowProblem(
        filename,
        row,
        column,
        _("the municipality %(name)s is not in SCB's list of municipalities")
        % {"name": repr(cell_text(name))},
    )


def bad_number(filename: str, row: int, column: str, value: object) -> RowProblem:
    return RowProblem(
        filename, row, column, _("%(value)s is not a number") % {"value": repr(cell_text(value))}
    )


def duplicate(filename: str, row: int, column: str, name: object, first: int) -> RowProblem:
    return RowProblem(
        filename,
        row,
        column,
        _("%(name)s is listed twice (first on row %(first)s)")
        % {"name": repr(cell_text(name)), "first": first},
    )


def sheet_with_columns(
    book: Book, columns: Sequence[str], *, last: Callable[[str], bool] | None = None
) -> tuple[str, list[Row]] | None:
    """The first sheet whose first five rows hold every one of `columns` (the sheets `last`
    names are tried after the others, whatever the order in the book)."""
    candidates = [(name, rows) for name, rows in book.sheets.items() if rows]
    if last is not None:
        candidates.sort(key=lambda item: last(item[0]))
    for name, rows in candidates:
        heads = {norm(c) for r in rows[:5] for c in r}
        if all(norm(c) in heads for c in columns):
            return name, rows
    return None


def table_with_columns(
    book: Book, columns: Sequence[str], *, last: Callable[[str], bool] | None = None
) -> tuple[str, list[Row], Header]:
    """`sheet_with_columns` and its header row; refused, naming the columns, without one."""
    found = sheet_with_columns(book, columns, last=last)
    if found is None:
        raise SourceError(
            _("no sheet with the columns %(columns)s") % {"columns": ", ".join(columns)},
            book.filename,
        )
    sheet, rows = found
    return sheet, rows, find_header(rows, columns, filename=book.filename, sheet=sheet)


def require_sheet(book: Book, names: Sequence[str]) -> tuple[str, list[Row]]:
    """The first sheet of `names` the book holds; refused, naming them, when it has none."""
    for name in names:
        rows = book.sheet(name)
        if rows is not None:
            return name, rows
    raise SourceError(
        _("the workbook has no sheet named %(names)s") % {"names": " / ".join(names)},
        book.filename,
    )


def finish(reading: Reading, problems: list[RowProblem], filename: str) -> Reading:
    """The reading, or the file refused whole with every problem found."""
    if problems:
        raise SourceError(problems)
    if not reading.records:
        raise SourceError(_("no municipality's figures found"), filename)
    return reading


# Rows that sum up others rather than name a municipality.
TOTAL_NAMES = {"total", "totalt", "alla", "riket", "hela riket", "sverige", "summa"}


def is_total(name: object) -> bool:
    text = norm(name)
    return text in TOTAL_NAMES or text.endswith(" län")


@dataclass
class RowWalk:
    """Walks a sheet's data rows below a header, giving each municipal row its SCB code and
    collecting, rather than dropping, every name it cannot match and every repeated one."""

    filename: str
    header: Header
    name_column: str
    names: NameMatcher
    problems: list[RowProblem] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)

    def rows(
        self, rows: Sequence[Row], *, skip: Callable[[Row], bool] | None = None
    ) -> Iterable[tuple[int, Row, str]]:
        col = self.header.columns[self.name_column]
        for index, row in enumerate(rows[self.header.row :], start=self.header.row + 1):
            name = cell(row, col)
            if not cell_text(name) or is_total(name) or (skip is not None and skip(row)):
                continue
            code = self.names.code(name)
            if code is None:
                self.problems.append(
                    unmatched(self.filename, index, self.header.where(self.name_column), name)
                )
                continue
            if code in self.seen:
                self.problems.append(
                    duplicate(
                        self.filename,
                        index,
                        self.header.where(self.name_column),
                        name,
                        self.seen[code],
                    )
                )
                continue
            self.seen[code] = index
            yield index, row, code

    def value(
        self, row: Row, index: int, column: str, read: Callable[[object], float | None]
    ) -> float | None:
        """The cell under `column` read by `read` (`count` or `number`); a bad one is noted."""
        raw = cell(row, self.header.columns[column])
        try:
            return read(raw)
        except ValueError:
            self.problems.append(bad_number(self.filename, index, self.header.where(column), raw))
            return None


def year_in(text: str) -> int | None:
    found = re.findall(r"(?<!\d)(20\d\d)(?!\d)", text)
    return int(found[-1]) if found else None
