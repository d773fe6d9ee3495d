"""Supplier-invoice ledgers (leverantörsreskontra) in the shapes municipalities publish them.

A ledger file is *prepared* (encoding, separator, line endings and columns worked out; Excel
and SIE4 converted to a plain UTF-8 CSV) and then read by DuckDB through the SQL that
:func:`lines_sql` returns: one normalised row per invoice line plus the reason it is bad, if
it is. Nothing here knows about emissions; the footprint engine builds on these rows.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.ledger.clean import (
    AMOUNT_CLEAN,
    BadRow,
    bad_rows,
    lines_sql,
    sniff_decimal_separator,
    source_sql,
    structural_rejects,
)
from klimatkontrakt.sources.ledger.encoding import (
    content_hash,
    detect_encoding,
    python_encoding,
    reader_encoding,
    transcode,
)
from klimatkontrakt.sources.textfiles import (
    OLE_MAGIC,
    ZIP_MAGIC,
    capped_lines,
    check_width,
    csv_rows,
    looks_binary,
)

__all__ = [
    "AMOUNT_CLEAN",
    "FIELD_ALIASES",
    "NATIONAL_HEADER",
    "BadRow",
    "ColumnMapping",
    "PreparedLedger",
    "bad_rows",
    "content_hash",
    "detect_encoding",
    "lines_sql",
    "map_columns",
    "prepare",
    "source_sql",
    "structural_rejects",
]

# Canonical field -> headings recognised after normalisation (lower case, å/ä -> a, ö -> o,
# anything else -> "_"). The first name is the one the national open-data format uses.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "buyer_id": ("kopare_id", "kopare_orgnr", "koparens_organisationsnummer", "buyer_id"),
    "buyer_name": ("kopare", "kopare_namn", "buyer_name"),
    "invoice": ("fakturanummer", "fakturanr", "faktura_nr", "verifikationsnummer", "invoice"),
    "supplier_name": (
        "leverantor",
        "leverantor_namn",
        "leverantorsnamn",
        "leverantorens_namn",
        "foretagsnamn",
        "supplier_name",
        "supplier",
    ),
    "supplier_id": (
        "leverantor_id",
        "leverantor_orgnr",
        "leverantorens_organisationsnummer",
        "organisationsnummer",
        "orgnr",
        "supplier_id",
    ),
    "department": (
        "forvaltning",
        "forvaltning_namn",
        "kostnadsstalle",
        "namnd",
        "enhet",
        "department",
    ),
    "account": ("konto_nr", "konto", "kontonummer", "kontonr", "account"),
    "account_text": ("konto_text", "kontotext", "kontonamn", "kontobenamning", "account_text"),
    "amount": ("belopp", "belopp_exkl_moms", "konterat_belopp_exklusive_moms", "amount"),
    "currency": ("valuta", "currency"),
    "date": ("datum", "fakturadatum", "bokforingsdatum", "betaldatum", "period", "date"),
    "procurement_type": ("inkopstyp", "upphandlingstyp", "upphandlingsform", "procurement_type"),
    "contract": ("avtal", "avtalsnummer", "avtal_id", "contract"),
    "responsibility": ("ansvar", "ansvarskod", "responsibility"),
    "project": ("projekt", "projektkod", "project"),
    "activity_code": ("aktivitet", "verksamhet", "verksamhetskod", "activity_code"),
    "municipality_code": ("kommun_id", "kommunkod", "municipality_code"),
    "text": ("text", "beskrivning", "fakturatext", "transtext"),
    "source_row": ("source_row",),
}
REQUIRED_FIELDS = ("account", "amount", "date")
NATIONAL_HEADER = (
    "kopare_id",
    "kopare",
    "fakturanummer",
    "leverantor",
    "leverantor_id",
    "forvaltning",
    "konto_nr",
    "konto_text",
    "belopp",
    "valuta",
    "datum",
    "inkopstyp",
    "avtal",
    "ansvar",
    "kommun_id",
)
DEFAULT_BAD_ROW_THRESHOLD = 0.01
_SAMPLE_BYTES = 1 << 22
_SAMPLE_LINES = 2000


@dataclass(frozen=True)
class ColumnMapping:
    """How to read a layout the importer does not recognise on its own.

    ``columns`` maps a canonical field (see FIELD_ALIASES) to the heading used in the file;
    fields left out are found by their usual names.
    """

    columns: dict[str, str] = field(default_factory=dict)
    delimiter: str | None = None
    encoding: str | None = None
    date_format: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "columns": dict(self.columns),
            "delimiter": self.delimiter,
            "encoding": self.encoding,
            "date_format": self.date_format,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ColumnMapping:
        columns = data.get("columns") or {}
        unknown = set(columns) - set(FIELD_ALIASES) if isinstance(columns, dict) else set()
        if not isinstance(columns, dict) or unknown:
            raise ValueError(f"unknown ledger fields in mapping: {sorted(unknown)}")

        def opt(key: str) -> str | None:
            value = data.get(key)
            return str(value) if value else None

        return cls(
            columns={str(k): str(v) for k, v in columns.items()},
            delimiter=opt("delimiter"),
            encoding=opt("encoding"),
            date_format=opt("date_format"),
        )


@dataclass
class PreparedLedger:
    """A ledger file made readable for DuckDB: UTF-8, LF or CRLF, a known separator."""

    name: str
    path: Path
    text_path: Path
    delimiter: str
    encoding: str
    columns: dict[str, str]
    content_hash: str
    date_format: str | None = None
    header_rows: int = 1
    temporary: list[Path] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    # Set when the sampled amounts are plain numbers: the typed reader may parse them.
    decimal_separator: str | None = None
    # How DuckDB decodes ``text_path`` (utf-8, utf-16 or latin-1; see .encoding).
    reader_encoding: str = "utf-8"

    def cleanup(self) -> None:
        for tmp in self.temporary:
            tmp.unlink(missing_ok=True)


def normalise_heading(heading: str) -> str:
    text = heading.strip().lstrip("\ufeff").lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def sniff_delimiter(header_line: str) -> str:
    """The separator is whichever of ; tab , occurs most in the header outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {sep: unquoted.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        raise SourceError(_("no column separator (; , or tab) found in the header row"))
    return best


def map_columns(headings: Iterable[str], mapping: ColumnMapping | None = None) -> dict[str, str]:
    """Canonical field -> heading in the file; raises when a required field is missing."""
    headings = list(headings)
    by_norm = {normalise_heading(h): h for h in headings}
    explicit = mapping.columns if mapping else {}
    found: dict[str, str] = {}
    for name, heading in explicit.items():
        if heading not in headings:
            raise SourceError(
                _("the column %(heading)s for %(field)s is not in the file")
                % {"heading": repr(heading), "field": name}
            )
        found[name] = heading
    taken = set(found.values())
    for name, aliases in FIELD_ALIASES.items():
        if name in found:
            continue
        for alias in aliases:
            match = by_norm.get(alias)
            if match is not None and match not in taken:
                found[name] = match
                taken.add(match)
                break
    missing = [name for name in REQUIRED_FIELDS if name not in found]
    if missing:
        raise SourceError(
            _("required columns missing: %(columns)s (headings: %(headings)s)")
            % {"columns": ", ".join(missing), "headings": ", ".join(headings)}
        )
    return found


def prepare(
    path: Path,
    mapping: ColumnMapping | None = None,
    workdir: Path | None = None,
    name: str | None = None,
    digest: str | None = None,
    in_place: bool = True,
) -> PreparedLedger:
    """Work out how to read ``path``; Excel and SIE4 become a temporary canonical CSV.

    ``digest`` may be given when the caller hashes the file itself (e.g. in parallel). A CSV
    file DuckDB can decode is read where it is; ``in_place=False`` rewrites it as UTF-8 with LF
    line endings all the same (what the caller does when DuckDB could not read it in place).
    """
    path = Path(path)
    name = name or path.name
    workdir = Path(workdir) if workdir else path.parent
    digest = content_hash(path) if digest is None else digest
    tag = uuid.uuid4().hex[:12]
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    # The content decides, not the name's ending: a CSV file named .xlsx is read as CSV.
    if sample.startswith(ZIP_MAGIC):
        from klimatkontrakt.sources.ledger.xlsx import xlsx_to_csv

        converted = xlsx_to_csv(path, workdir / f".{tag}.xlsx.csv", name)
        return _prepare_csv(path, converted, name, digest, mapping, temporary=True)
    if sample.startswith(OLE_MAGIC):
        raise SourceError(
            _("an Excel 97-2003 (.xls) ledger is not read; save it as .xlsx or CSV"), name
        )
    from klimatkontrakt.sources.ledger.sie4 import is_sie, sie_to_csv

    if path.suffix.lower() in {".se", ".si", ".sie"} or is_sie(sample):
        converted = sie_to_csv(path, workdir / f".{tag}.sie.csv", mapping)
        return _prepare_csv(path, converted, name, digest, mapping, temporary=True)
    encoding = mapping.encoding if mapping and mapping.encoding else detect_encoding(sample)
    if looks_binary(sample.decode(encoding, errors="replace")):
        raise SourceError(_("this is not a text (CSV) file; it holds binary data"), name)
    # UTF-8, UTF-16 LE and cp1252 without its own characters DuckDB decodes itself; the rest
    # (and bare CR line endings) is rewritten as UTF-8 first.
    reader = reader_encoding(path, encoding, sample) if in_place else None
    prepared = None
    if reader is not None:
        try:
            prepared = _prepare_csv(path, path, name, digest, mapping, False, reader=reader)
        except UnicodeDecodeError:  # a broken character in the header or sample
            prepared = None
    if prepared is None:
        text_path = workdir / f".{tag}.utf8.csv"
        transcode(path, encoding, text_path)
        prepared = _prepare_csv(path, text_path, name, digest, mapping, temporary=True)
    prepared.encoding = encoding
    return prepared


def _prepare_csv(
    path: Path,
    text_path: Path,
    name: str,
    digest: str,
    mapping: ColumnMapping | None,
    temporary: bool,
    reader: str = "utf-8",
) -> PreparedLedger:
    with text_path.open(encoding=python_encoding(reader), newline="") as handle:
        lines = capped_lines(handle, name)
        header = next(lines, "").rstrip("\r\n")
        if not header.strip():
            raise SourceError(_("the file is empty or has no header row"), name)
        try:
            delimiter = (
                mapping.delimiter if mapping and mapping.delimiter else sniff_delimiter(header)
            )
        except SourceError as exc:
            raise SourceError([RowProblem(name, 1, None, p.message) for p in exc.problems]) from exc
        headings = [h.strip().strip('"') for h in header.split(delimiter)]
        check_width(len(headings), name, 1)
        try:
            columns = map_columns(headings, mapping)
        except SourceError as exc:
            raise SourceError([RowProblem(name, 1, None, p.message) for p in exc.problems]) from exc
        decimal_separator = None
        if len(set(headings)) == len(headings):
            at = headings.index(columns["amount"])
            sample = itertools.islice(csv_rows(lines, name, delimiter, first_line=2), _SAMPLE_LINES)
            decimal_separator = sniff_decimal_separator(
                row[at] if at < len(row) else "" for row in sample
            )
    return PreparedLedger(
        name=name,
        path=path,
        text_path=text_path,
        delimiter=delimiter,
        encoding="utf-8",
        columns=columns,
        content_hash=digest,
        date_format=mapping.date_format if mapping else None,
        temporary=[text_path] if temporary else [],
        headings=headings,
        decimal_separator=decimal_separator,
        reader_encoding=reader,
    )
