"""Supplier-invoice ledgers (leverantörsreskontra) in the shapes municipalities publish them.

A ledger file is *prepared* (encoding, separator, line endings and columns worked out; Excel
and SIE4 converted to a plain UTF-8 CSV) and then read by DuckDB through the SQL that
:func:`lines_sql` returns: one normalised row per invoice line plus the reason it is bad, if
it is. Nothing here knows about emissions; the footprint engine builds on these rows.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import xxhash

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


class LedgerFormatError(ValueError):
    """The file as a whole cannot be read as a ledger (no usable header, columns missing)."""


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


@dataclass(frozen=True)
class BadRow:
    file: str
    row: int
    column: str
    reason: str
    value: str = ""

    def message(self) -> str:
        shown = f" ({self.value!r})" if self.value else ""
        return f"{self.file}, rad {self.row}, kolumn {self.column}: {self.reason}{shown}"


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

    def cleanup(self) -> None:
        for tmp in self.temporary:
            tmp.unlink(missing_ok=True)


def normalise_heading(heading: str) -> str:
    text = heading.strip().lstrip("\ufeff").lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def content_hash(path: Path) -> str:
    # XXH3-128: identifies the file for idempotency at memory speed; SHA-256 took ~40 % of a
    # 10 M-line run on two cores (bench/footprint.py). Not a signature: nothing is secured by it.
    digest = xxhash.xxh3_128()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def detect_encoding(sample: bytes) -> str:
    """BOM first; then UTF-8 if the sample decodes; otherwise cp1252 (Windows Excel exports)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def sniff_delimiter(header_line: str) -> str:
    """The separator is whichever of ; tab , occurs most in the header outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {sep: unquoted.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        raise LedgerFormatError("hittar ingen kolumnavgränsare (; , eller tab) i rubrikraden")
    return best


def map_columns(headings: Iterable[str], mapping: ColumnMapping | None = None) -> dict[str, str]:
    """Canonical field -> heading in the file; raises when a required field is missing."""
    headings = list(headings)
    by_norm = {normalise_heading(h): h for h in headings}
    explicit = mapping.columns if mapping else {}
    found: dict[str, str] = {}
    for name, heading in explicit.items():
        if heading not in headings:
            raise LedgerFormatError(f"kolumnen {heading!r} för {name} finns inte i filen")
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
        raise LedgerFormatError(
            f"obligatoriska kolumner saknas: {', '.join(missing)} (rubriker: {headings})"
        )
    return found


def _transcode(path: Path, encoding: str, target: Path) -> None:
    """Rewrite as UTF-8 with LF line endings (also turns bare CR endings into LF)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending_cr = False
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as out:
        while chunk := src.read(1 << 22):
            text = decoder.decode(chunk)
            if pending_cr:
                text = "\r" + text
            pending_cr = text.endswith("\r")
            if pending_cr:
                text = text[:-1]
            out.write(text.replace("\r\n", "\n").replace("\r", "\n"))
        tail = decoder.decode(b"", final=True) + ("\r" if pending_cr else "")
        out.write(tail.replace("\r\n", "\n").replace("\r", "\n"))


def prepare(
    path: Path,
    mapping: ColumnMapping | None = None,
    workdir: Path | None = None,
    name: str | None = None,
    digest: str | None = None,
) -> PreparedLedger:
    """Work out how to read ``path``; Excel and SIE4 become a temporary canonical CSV.

    ``digest`` may be given when the caller hashes the file itself (e.g. in parallel).
    """
    path = Path(path)
    name = name or path.name
    workdir = Path(workdir) if workdir else path.parent
    digest = content_hash(path) if digest is None else digest
    tag = uuid.uuid4().hex[:12]
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    if path.suffix.lower() in {".xlsx", ".xlsm"} or sample.startswith(b"PK\x03\x04"):
        from klimatkontrakt.sources.ledger_xlsx import xlsx_to_csv

        converted = xlsx_to_csv(path, workdir / f".{tag}.xlsx.csv")
        return _prepare_csv(path, converted, name, digest, mapping, temporary=True)
    from klimatkontrakt.sources.sie4 import is_sie, sie_to_csv

    if path.suffix.lower() in {".se", ".si", ".sie"} or is_sie(sample):
        converted = sie_to_csv(path, workdir / f".{tag}.sie.csv", mapping)
        return _prepare_csv(path, converted, name, digest, mapping, temporary=True)
    encoding = mapping.encoding if mapping and mapping.encoding else detect_encoding(sample)
    needs_rewrite = encoding not in {"utf-8", "utf-8-sig"} or (
        b"\r" in sample and b"\r\n" not in sample
    )
    text_path = path
    if needs_rewrite:
        text_path = workdir / f".{tag}.utf8.csv"
        _transcode(path, encoding, text_path)
    prepared = _prepare_csv(path, text_path, name, digest, mapping, temporary=needs_rewrite)
    prepared.encoding = encoding
    return prepared


def _prepare_csv(
    path: Path,
    text_path: Path,
    name: str,
    digest: str,
    mapping: ColumnMapping | None,
    temporary: bool,
) -> PreparedLedger:
    with text_path.open(encoding="utf-8-sig", newline="") as handle:
        header = handle.readline().rstrip("\r\n")
    if not header.strip():
        raise LedgerFormatError(f"{name}: filen är tom eller saknar rubrikrad")
    delimiter = mapping.delimiter if mapping and mapping.delimiter else sniff_delimiter(header)
    headings = [h.strip().strip('"') for h in header.split(delimiter)]
    try:
        columns = map_columns(headings, mapping)
    except LedgerFormatError as exc:
        raise LedgerFormatError(f"{name}: {exc}") from exc
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
    )


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(heading: str) -> str:
    return '"' + heading.replace('"', '""') + '"'


def source_sql(ledger: PreparedLedger) -> str:
    """DuckDB table function reading the prepared file, every column as text."""
    return (
        f"read_csv({_sql_str(str(ledger.text_path))}, delim={_sql_str(ledger.delimiter)}, "
        "header=true, all_varchar=true, quote='\"', escape='\"', null_padding=false, "
        "store_rejects=true)"
    )


def _amount_expr(column: str) -> str:
    """Decimal comma or point; space, NBSP and narrow NBSP thousands separators; U+2212 minus.

    ``column`` must already be cleaned by :data:`AMOUNT_CLEAN` (done once per row).
    """
    return (
        f"TRY_CAST(CASE WHEN contains({column}, ',') THEN translate({column}, ',.', '.')"
        f" ELSE {column} END AS DECIMAL(18, 2))"
    )


# translate() maps U+2212 to "-" and deletes the space characters (no counterpart).
AMOUNT_CLEAN = "translate({col}, chr(8722) || ' ' || chr(160) || chr(8239), '-')"


def _date_expr(column: str, date_format: str | None) -> str:
    if date_format:
        return f"TRY_CAST(try_strptime(trim({column}), {_sql_str(date_format)}) AS DATE)"
    v = f"left(trim({column}), 10)"
    return (
        f"TRY_CAST(CASE length({v}) WHEN 10 THEN try_strptime({v}, '%Y-%m-%d') "
        f"WHEN 8 THEN try_strptime({v}, '%Y%m%d') "
        f"WHEN 7 THEN try_strptime({v} || '-01', '%Y-%m-%d') "
        f"WHEN 6 THEN try_strptime({v} || '01', '%Y%m%d') END AS DATE)"
    )


def lines_sql(ledger: PreparedLedger, with_row: bool = False) -> str:
    """One normalised row per invoice line, with ``bad_column``/``bad_reason`` for bad ones.

    Text fields are passed through untrimmed so a scan stays cheap; callers that group by them
    normalise the (few) distinct values afterwards.
    """
    cols = ledger.columns

    def raw(name: str, default: str = "NULL") -> str:
        return _ident(cols[name]) if name in cols else default

    amount = _amount_expr("amount_clean")
    date = _date_expr(raw("date"), ledger.date_format)
    checks = [
        ("account IS NULL OR account = ''", "account", "konto saknas"),
        ("amount_raw IS NULL OR trim(amount_raw) = ''", "amount", "belopp saknas"),
        ("amount IS NULL", "amount", "belopp är inte ett tal"),
        ("date_raw IS NULL OR trim(date_raw) = ''", "date", "datum saknas"),
        ("date IS NULL", "date", "datum är inte ÅÅÅÅ-MM-DD, ÅÅÅÅMMDD eller ÅÅÅÅMM"),
        ("year(date) NOT BETWEEN 1990 AND 2100", "date", "datum utanför 1990–2100"),
    ]
    bad_column = "CASE " + " ".join(
        f"WHEN {cond} THEN {_sql_str(cols[col])}" for cond, col, _ in checks
    )
    bad_reason = "CASE " + " ".join(
        f"WHEN {cond} THEN {_sql_str(reason)}" for cond, _, reason in checks
    )
    optional = [
        f"{raw(name)} AS {name}"
        for name in (
            "buyer_id",
            "buyer_name",
            "invoice",
            "supplier_name",
            "supplier_id",
            "department",
            "account_text",
            "text",
            "procurement_type",
            "contract",
            "responsibility",
            "project",
            "activity_code",
            "municipality_code",
        )
    ]
    row = ""
    if with_row:
        row = (
            "TRY_CAST(source_row AS BIGINT) AS row_no, "
            if "source_row" in cols
            else f"row_number() OVER () + {ledger.header_rows} AS row_no, "
        )
    source_row = f"{raw('source_row')} AS source_row, " if "source_row" in cols else ""
    return (
        f"SELECT {row}*, {bad_column} END AS bad_column, {bad_reason} END AS bad_reason FROM ("
        f"SELECT {source_row}trim({raw('account')}) AS account, "
        f"{amount} AS amount, amount_raw, {date} AS date, "
        f"{raw('date')} AS date_raw, "
        f"coalesce(nullif(upper(trim({raw('currency')})), ''), 'SEK') AS currency, "
        + ", ".join(optional)
        + f" FROM (SELECT *, {raw('amount')} AS amount_raw, "
        + AMOUNT_CLEAN.format(col=raw("amount"))
        + f" AS amount_clean FROM {source_sql(ledger)}))"
    )


def bad_rows(con: object, ledger: PreparedLedger, limit: int = 1000) -> list[BadRow]:
    """Locate bad rows (value errors and rows DuckDB could not split) with file row numbers."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    query = (
        f"SELECT row_no, bad_column, bad_reason, "
        f"CASE WHEN bad_column = {_sql_str(ledger.columns['date'])} THEN date_raw "
        f"WHEN bad_column = {_sql_str(ledger.columns['amount'])} THEN amount_raw END"
        f" FROM ({lines_sql(ledger, with_row=True)}) "
        f"WHERE bad_reason IS NOT NULL LIMIT {int(limit)}"
    )
    found = [
        BadRow(ledger.name, int(r[0]), str(r[1]), str(r[2]), str(r[3] or ""))
        for r in con.execute(query).fetchall()
    ]
    found.extend(structural_rejects(con, ledger))
    return sorted(found, key=lambda b: b.row)[:limit]


def structural_rejects(con: object, ledger: PreparedLedger) -> list[BadRow]:
    """Rows the CSV reader rejected (too many columns, broken quoting), from reject_errors."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    try:
        rows = con.execute(
            "SELECT e.line, coalesce(e.column_name, ''), e.error_type, e.error_message "
            "FROM reject_errors e JOIN reject_scans s USING (scan_id) "
            "WHERE s.file_path = ? ORDER BY e.line",
            [str(ledger.text_path)],
        ).fetchall()
    except duckdb.CatalogException:
        return []
    seen: dict[int, BadRow] = {}
    for line, column, kind, message in rows:
        reason = {
            "TOO MANY COLUMNS": "för många kolumner",
            "TOO FEW COLUMNS": "för få kolumner",
            "UNQUOTED VALUE": "felaktig citering",
            "INVALID ENCODING": "ogiltig teckenkodning",
            "INVALID UNICODE": "ogiltig teckenkodning",
        }.get(str(kind), str(message).splitlines()[0])
        seen.setdefault(int(line), BadRow(ledger.name, int(line), column or "-", reason))
    return list(seen.values())
