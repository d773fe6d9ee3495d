"""SMHI's "Länsrapport" Excel report from Nationella emissionsdatabasen.

Layout (as served by ``/api/getexcelfile/?county=0&municipality=0&sub=<GAS>``): a preamble
("Rapportnamn:" | "Länsrapport, 2024-04-18"; "Emissioner av Koldioxid (CO2)"; "Enhet: ton/år"),
a row of years, a header row (Huvudsektor, Undersektor, Län, Kommun, then the gas per year
column), then one row per sector x subsector x county x municipality. "Alla" marks a total.

The reader refuses a malformed file whole (``SourceError``), naming the file, row and column of
the first fault.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from klimatkontrakt.sources.cells import cell_text
from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.sectors import ALL, canonical_name, fold
from klimatkontrakt.sources.textfiles import ZIP_MAGIC
from klimatkontrakt.sources.workbooks import check_workbook

HEADER = ("Huvudsektor", "Undersektor", "Län", "Kommun")
_HEADER_SEARCH_ROWS = 30

# Gas codes SMHI uses in the report's `sub` parameter, with the names its sheets carry.
GAS_NAMES: dict[str, str] = {
    "GGT": "Växthusgaser totalt",
    "CO2": "Koldioxid",
    "CH4": "Metan",
    "N2O": "Dikväveoxid",
    "HFC": "Fluorkolväten",
    "PFC": "Perfluorkolväten",
    "SF6": "Svavelhexafluorid",
}


def _error(
    message: str, *, file: str, row: int | None = None, column: str | None = None
) -> SourceError:
    return SourceError(RowProblem(file, row, column, message))


@dataclass(frozen=True, slots=True)
class SmhiRow:
    sector: str
    subsector: str
    county: str
    municipality: str
    values: tuple[float, ...]
    line: int
    county_code: str | None = None
    municipality_code: str | None = None


@dataclass(frozen=True)
class SmhiReport:
    file_name: str
    sha256: str
    report_name: str
    release_date: date
    gas: str
    gas_name: str
    unit: str
    years: tuple[int, ...]
    rows: tuple[SmhiRow, ...] = field(repr=False)

    def select(
        self,
        *,
        sector: str = ALL,
        subsector: str = ALL,
        level: str = "municipality",
    ) -> tuple[list[SmhiRow], np.ndarray]:
        """Rows of one sector/subsector at one level (municipality, county, nation) as a matrix."""
        sector, subsector = canonical_name(sector), canonical_name(subsector)
        picked = [
            r
            for r in self.rows
            if r.sector == sector and r.subsector == subsector and _level(r) == level
        ]
        matrix = np.array([r.values for r in picked], dtype=float).reshape(
            len(picked), len(self.years)
        )
        return picked, matrix


def _level(row: SmhiRow) -> str:
    if row.municipality != ALL:
        return "municipality"
    return "county" if row.county != ALL else "nation"


def column_letter(index: int) -> str:
    """Excel column name for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(cell: object) -> str:
    return " ".join(cell_text(cell).split())  # labels compare with runs of spaces as one


def _number(cell: object) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell)
    if isinstance(cell, str):
        cleaned = cell.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            return float(cleaned)
        except ValueError:
            return None
    return None


def _gas_from(title: str) -> tuple[str, str] | None:
    """Gas code and name from a sheet title or preamble line, e.g. "Koldioxid (CO2)"."""
    m = re.search(r"\(([A-Za-z0-9\-]+)\)", title)
    if m:
        code = m.group(1).upper()
        return code, title[: m.start()].strip() or GAS_NAMES.get(code, code)
    folded = fold(title)
    for code, name in GAS_NAMES.items():
        if fold(name) in folded:
            return code, name
    if "vaxthusgas" in folded:
        return "GGT", GAS_NAMES["GGT"]
    return None


def _unit_from(text: str) -> str:
    """Normalised unit from "Enhet: ton/år" / "Enhet: ton CO2-ekv/år"."""
    raw = text.split(":", 1)[1].strip() if ":" in text else text.strip()
    unit = raw.replace("/år", "").replace("per år", "").strip()
    folded = fold(unit)
    if folded in {"ton", "t"}:
        return "t"
    if "ekv" in folded or "co2e" in folded:
        return "t CO2e" if folded.startswith(("ton", "t")) else unit
    return unit


def read_report(
    source: str | Path | bytes,
    *,
    file_name: str | None = None,
    sheet: str | None = None,
    municipality_codes: Mapping[str, str] | None = None,
    county_codes: Mapping[str, str] | None = None,
) -> SmhiReport:
    """Parse one SMHI Länsrapport workbook; raise SourceError naming row and column on any fault.

    ``municipality_codes`` / ``county_codes`` map names (as SCB spells them) to SCB codes; when
    given, every municipality (county) in the file must be found there.
    """
    if isinstance(source, bytes):
        data = source
        name = file_name or "<upload>"
    else:
        path = Path(source)
        name = file_name or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _error(
                _("cannot read the file (%(error)s)") % {"error": exc.strerror}, file=name
            ) from exc
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(ZIP_MAGIC):
        check_workbook(data, name)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise _error(_("not an Excel workbook (%(error)s)") % {"error": exc}, file=name) from exc

    sheet_names: list[str] = list(workbook.sheet_names)
    if sheet is not None:
        if sheet not in sheet_names:
            raise _error(
                _("no sheet named %(sheet)s; the workbook has %(sheets)s")
                % {"sheet": repr(sheet), "sheets": ", ".join(sheet_names)},
                file=name,
            )
        title = sheet
    elif sheet_names:
        title = sheet_names[0]
    else:
        raise _error(_("the workbook has no sheets"), file=name)
    cells: Sequence[Sequence[object]] = workbook.get_sheet_by_name(title).to_python(
        skip_empty_area=False
    )
    return _parse(cells, name, sha256, title, municipality_codes, county_codes)


def _parse(
    cells: Sequence[Sequence[object]],
    name: str,
    sha256: str,
    title: str,
    municipality_codes: Mapping[str, str] | None,
    county_codes: Mapping[str, str] | None,
) -> SmhiReport:
    header_idx = next(
        (
            i
            for i, row in enumerate(cells[:_HEADER_SEARCH_ROWS])
            if tuple(_text(c) for c in row[:4]) == HEADER
        ),
        None,
    )
    if header_idx is None:
        raise _error(
            _(
                "sheet %(sheet)s is not an SMHI Länsrapport: no header row %(header)s in the "
                "first %(rows)s rows"
            )
            % {"sheet": repr(title), "header": " | ".join(HEADER), "rows": _HEADER_SEARCH_ROWS},
            file=name,
        )
    preamble = [_text(c) for row in cells[:header_idx] for c in row if _text(c)]

    report_name = next((p for p in preamble if "rapport" in fold(p) and re.search(r"\d", p)), "")
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", report_name)
    if not m:
        raise _error(
            _('no release date in the preamble (expected "Länsrapport, YYYY-MM-DD")'),
            file=name,
            row=1,
            column="B",
        )
    try:
        release_date = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise _error(
            _("release date %(date)s is not a date") % {"date": m[0]}, file=name, row=1
        ) from exc

    gas = _gas_from(title) or next(
        (g for p in preamble if p.casefold().startswith("emissioner") and (g := _gas_from(p))),
        None,
    )
    if gas is None:
        raise _error(
            _("cannot tell the gas from sheet %(sheet)s or its preamble") % {"sheet": repr(title)},
            file=name,
        )
    unit_line = next((p for p in preamble if fold(p).startswith("enhet")), None)
    if unit_line is None:
        raise _error(_('no unit line ("Enhet: ...") in the preamble'), file=name)
    unit = _unit_from(unit_line)
    if gas[0] != "CO2" and unit == "t":
        unit = "t CO2e"

    if header_idx == 0:
        raise _error(_("no row of years above the header row"), file=name, row=1)
    year_row, header = cells[header_idx - 1], cells[header_idx]
    years: list[int] = []
    width = len(header)
    for col in range(4, width):
        cell = year_row[col] if col < len(year_row) else None
        if _text(cell) == "" and _text(header[col]) == "":
            width = col
            break
        value = _number(cell)
        if value is None or value != int(value) or not 1900 <= value <= 2100:
            raise _error(
                _("expected a year, found %(value)s") % {"value": repr(cell)},
                file=name,
                row=header_idx,
                column=column_letter(col),
            )
        if years and int(value) <= years[-1]:
            raise _error(
                _("year %(year)s does not follow %(previous)s")
                % {"year": int(value), "previous": years[-1]},
                file=name,
                row=header_idx,
                column=column_letter(col),
            )
        years.append(int(value))
    if not years:
        raise _error(
            _("no year columns after Kommun"), file=name, row=header_idx, column=column_letter(4)
        )

    rows: list[SmhiRow] = []
    seen: set[tuple[str, str, str, str]] = set()
    for idx in range(header_idx + 1, len(cells)):
        raw = cells[idx]
        line = idx + 1
        if all(_text(c) == "" for c in raw):
            continue
        labels = []
        for col in range(4):
            text = _text(raw[col]) if col < len(raw) else ""
            if not text:
                raise _error(
                    _("empty %(column)s") % {"column": HEADER[col]},
                    file=name,
                    row=line,
                    column=column_letter(col),
                )
            labels.append(text)
        values: list[float] = []
        for col in range(4, 4 + len(years)):
            cell = raw[col] if col < len(raw) else None
            value = _number(cell)
            if value is None or value != value:
                shown = _("an empty cell") if _text(cell) == "" else repr(cell)
                raise _error(
                    _("%(what)s %(name)s, year %(year)s: expected a number, found %(value)s")
                    % {
                        "what": HEADER[3],
                        "name": repr(labels[3]),
                        "year": years[col - 4],
                        "value": shown,
                    },
                    file=name,
                    row=line,
                    column=column_letter(col),
                )
            values.append(value)
        sector, subsector = canonical_name(labels[0]), canonical_name(labels[1])
        county, municipality = labels[2], labels[3]
        key = (sector, subsector, county, municipality)
        if key in seen:
            raise _error(
                _("duplicate row for %(key)s") % {"key": " / ".join(key)},
                file=name,
                row=line,
                column="A",
            )
        seen.add(key)
        rows.append(
            SmhiRow(
                sector,
                subsector,
                county,
                municipality,
                tuple(values),
                line,
                _code(county_codes, county, name, line, "C") if county != ALL else None,
                _code(municipality_codes, municipality, name, line, "D")
                if municipality != ALL
                else None,
            )
        )
    if not rows:
        raise _error(_("no data rows under the header"), file=name, row=header_idx + 1)
    return SmhiReport(
        file_name=name,
        sha256=sha256,
        report_name=report_name,
        release_date=release_date,
        gas=gas[0],
        gas_name=gas[1],
        unit=unit,
        years=tuple(years),
        rows=tuple(rows),
    )


def _code(
    codes: Mapping[str, str] | None, label: str, name: str, line: int, col: str
) -> str | None:
    if codes is None:
        return None
    code = codes.get(label)
    if code is None:
        folded = {fold(k): v for k, v in codes.items()}
        code = folded.get(fold(label))
    if code is None:
        raise _error(
            _("%(name)s is not in the SCB code list") % {"name": repr(label)},
            file=name,
            row=line,
            column=col,
        )
    return code


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A total row that differs from the sum of its parts by more than the tolerance."""

    check: str  # subsectors->sector, sectors->total, municipalities->county, counties->nation
    sector: str
    county: str
    municipality: str
    year: int
    total: float
    sum_of_parts: float
    line: int

    @property
    def difference(self) -> float:
        return self.total - self.sum_of_parts


def check_consistency(
    report: SmhiReport, *, rel_tol: float = 1e-6, abs_tol: float = 0.01
) -> list[Discrepancy]:
    """Every total that is not the sum of its parts: subsectors vs sector, sectors vs total, and
    municipalities vs county, counties vs nation (on the total row). Nothing is hidden."""
    by_key = {(r.sector, r.subsector, r.county, r.municipality): r for r in report.rows}
    parts: dict[tuple[str, tuple[str, str, str, str]], list[SmhiRow]] = {}
    for r in report.rows:
        if r.subsector != ALL:
            parts.setdefault(
                ("subsectors->sector", (r.sector, ALL, r.county, r.municipality)), []
            ).append(r)
        elif r.sector != ALL:
            parts.setdefault(("sectors->total", (ALL, ALL, r.county, r.municipality)), []).append(r)
        elif r.municipality != ALL:
            parts.setdefault(("municipalities->county", (ALL, ALL, r.county, ALL)), []).append(r)
        elif r.county != ALL:
            parts.setdefault(("counties->nation", (ALL, ALL, ALL, ALL)), []).append(r)
    found: list[Discrepancy] = []
    for (check, key), members in parts.items():
        total_row = by_key.get(key)
        if total_row is None:
            continue
        total = np.array(total_row.values)
        summed = np.sum([m.values for m in members], axis=0)
        bad = np.abs(total - summed) > np.maximum(abs_tol, rel_tol * np.abs(total))
        for i in np.flatnonzero(bad):
            found.append(
                Discrepancy(
                    check,
                    key[0],
                    key[2],
                    key[3],
                    report.years[i],
                    float(total[i]),
                    float(summed[i]),
                    total_row.line,
                )
            )
    return found


def municipality_totals(
    report: SmhiReport, names: Sequence[str] | None = None
) -> tuple[list[SmhiRow], np.ndarray]:
    """The "Alla/Alla" row per municipality, in file order or in the order of ``names``."""
    picked, matrix = report.select()
    if names is None:
        return picked, matrix
    index = {r.municipality: i for i, r in enumerate(picked)}
    order = [index[n] for n in names]
    return [picked[i] for i in order], matrix[order]


def read_report_csv(
    data: bytes,
    *,
    file_name: str,
    municipality_codes: Mapping[str, str] | None = None,
    county_codes: Mapping[str, str] | None = None,
) -> SmhiReport:
    """The same report as semicolon CSV with ``# key: value`` metadata lines (gas, gas_name,
    unit, release_date, report_name) above the header; the project's demo data use it."""
    text = data.decode("utf-8-sig")
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
        elif line.strip():
            body.append(line)
    missing = {"gas", "gas_name", "unit", "release_date", "report_name"} - meta.keys()
    if missing:
        raise _error(
            _("metadata lines missing: %(names)s") % {"names": ", ".join(sorted(missing))},
            file=file_name,
            row=1,
        )
    header = body[0].split(";")
    cells: list[list[object]] = [
        ["Rapportnamn:", f"Länsrapport, {meta['release_date']}"],
        [f"Emissioner av {meta['gas_name']} ({meta['gas']})"],
        [f"Enhet: {meta['unit']}"],
        ["", "", "", "", *header[4:]],
        [*HEADER, *([meta["gas"]] * (len(header) - 4))],
    ]
    cells.extend(list(line.split(";")) for line in body[1:])
    report = _parse(
        cells,
        file_name,
        hashlib.sha256(data).hexdigest(),
        meta["gas_name"],
        municipality_codes,
        county_codes,
    )
    release = date.fromisoformat(meta["release_date"])
    return SmhiReport(
        file_name=report.file_name,
        sha256=report.sha256,
        report_name=meta["report_name"],
        release_date=release,
        gas=meta["gas"],
        gas_name=meta["gas_name"],
        unit=meta["unit"],
        years=report.years,
        rows=report.rows,
    )
