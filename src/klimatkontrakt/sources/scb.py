"""SCB's code list of counties (län, 2 digits) and municipalities (kommuner, 4 digits).

Reads SCB's own "Län och kommuner" workbook (XLS or XLSX) or the same two columns as CSV:
title rows, a header row starting with "Kod", then code/name rows. A municipality's county is the
first two digits of its code.
"""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.textfiles import OLE_MAGIC, ZIP_MAGIC, read_csv_rows
from klimatkontrakt.sources.workbooks import sheet_rows, xls_rows


@dataclass(frozen=True)
class CodeList:
    counties: dict[str, str]  # code -> name
    municipalities: dict[str, tuple[str, str]]  # code -> (name, county code)


def read_code_list(path: Path | str) -> CodeList:
    path = Path(path)
    rows = _rows(path)
    name = path.name
    header = next(
        (i for i, r in enumerate(rows) if r and str(r[0]).strip().lower() in {"kod", "code"}), None
    )
    if header is None:
        raise SourceError(RowProblem(name, None, "A", _("no header row starting with 'Kod' found")))
    counties: dict[str, str] = {}
    municipalities: dict[str, tuple[str, str]] = {}
    problems: list[RowProblem] = []
    for index, row in enumerate(rows[header + 1 :], start=header + 2):
        cells = [cell_text(c) for c in row[:2]] + ["", ""]
        code, label = cells[0], cells[1]
        if not code and not label:
            continue
        if code.lower() in {"code", "kod"}:
            continue  # SCB repeats the header in English
        if not code.isdigit() or len(code) not in (1, 2, 3, 4):
            problems.append(
                RowProblem(
                    name, index, "A", _("code %(code)s is not 2 or 4 digits") % {"code": repr(code)}
                )
            )
            continue
        if not label:
            problems.append(RowProblem(name, index, "B", _("name is empty")))
            continue
        if len(code) <= 2:
            counties[code.zfill(2)] = label
        else:
            code = code.zfill(4)
            municipalities[code] = (label, code[:2])
    for code, (label, county) in municipalities.items():
        if county not in counties:
            problems.append(
                RowProblem(
                    name,
                    None,
                    "A",
                    _("municipality %(code)s %(name)s: county %(county)s missing")
                    % {"code": code, "name": label, "county": county},
                )
            )
    if problems:
        raise SourceError(problems)
    if not municipalities:
        raise SourceError(RowProblem(name, None, None, _("no municipalities found")))
    return CodeList(counties, municipalities)


def _rows(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        return xls_rows(data, path.name)
    if data.startswith(ZIP_MAGIC):
        return [list(r) for r in sheet_rows(data, path.name)]
    return [list(r) for r in read_csv_rows(data, path.name)]
