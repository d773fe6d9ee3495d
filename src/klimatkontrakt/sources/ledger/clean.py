"""Ledger values as DuckDB reads them: amounts, dates, the checks that make a row bad.

Two readers give the same rows. The *general* one reads every column as text and cleans
amounts in SQL (decimal comma or point, space/NBSP thousands, U+2212 minus). The *typed* one
lets DuckDB's CSV reader parse the amount and the date itself; it is used only for files whose
sample is plain (see :func:`sniff_decimal_separator`), and only when it finds no bad row: any
rejected or bad row sends the file back to the general reader (which also names the bad rows).
What the typed reader accepts, the general one accepts with the same value, so they agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
from django.utils.translation import gettext

from klimatkontrakt.sources.errors import RowProblem

if TYPE_CHECKING:
    from klimatkontrakt.sources.ledger import PreparedLedger

AMOUNT_TYPE = "DECIMAL(18, 2)"
ISO_DATE = "%Y-%m-%d"
# Deletes the space, NBSP and narrow NBSP thousands separators and turns U+2212 into "-".
# A chain of replace() does what one translate() would, ~30 % faster (bench/footprint.py).
AMOUNT_CLEAN = (
    "replace(replace(replace(replace({col}, ' ', ''), chr(160), ''), chr(8239), ''),"
    " chr(8722), '-')"
)
_PLAIN_AMOUNT = {",": re.compile(r"-?[0-9]+(,[0-9]+)?"), ".": re.compile(r"-?[0-9]+(\.[0-9]+)?")}
_OPTIONAL = (
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
_REJECT_REASONS = {
    "TOO MANY COLUMNS": "för många kolumner",
    "TOO FEW COLUMNS": "för få kolumner",
    "UNQUOTED VALUE": "felaktig citering",
    "INVALID ENCODING": "ogiltig teckenkodning",
    "INVALID UNICODE": "ogiltig teckenkodning",
}


@dataclass(frozen=True)
class BadRow:
    file: str
    row: int
    column: str
    reason: str
    value: str = ""

    def message(self) -> str:
        shown = f" ({self.value!r})" if self.value else ""
        return str(RowProblem(self.file, self.row, self.column, f"{self.reason}{shown}"))


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def ident(heading: str) -> str:
    return '"' + heading.replace('"', '""') + '"'


def sniff_decimal_separator(amounts: Iterable[str]) -> str | None:
    """The separator the typed reader may use, if every sampled amount is a plain number.

    Plain means an optional minus, digits and at most one decimal comma (or point); empty
    values are allowed. ``None`` (thousands separators, mixed styles) means the general reader.
    """
    values = [a for a in amounts if a != ""]
    for sep in (",", "."):
        if all(_PLAIN_AMOUNT[sep].fullmatch(v) for v in values):
            return sep
    return None


# Bytes per CSV read buffer: 16 MiB scans a 10 M-line ledger ~10 % faster than DuckDB's
# default on this 2-core machine (bench/footprint.py; DuckDB's raw scan gains ~5 % from it).
CSV_BUFFER_BYTES = 1 << 24


def source_sql(ledger: PreparedLedger, typed: bool = False) -> str:
    """DuckDB table function reading the prepared file: every column as text, or (``typed``)
    with the amount (and date) parsed by the CSV reader, which rejects any value it cannot
    parse."""
    options = (
        f"delim={sql_str(ledger.delimiter)}, header=true, quote='\"', escape='\"', "
        f"null_padding=false, buffer_size={CSV_BUFFER_BYTES}"
    )
    if ledger.reader_encoding != "utf-8":
        options += f", encoding={sql_str(ledger.reader_encoding)}"
    if not typed:
        return (
            f"read_csv({sql_str(str(ledger.text_path))}, {options}, store_rejects=true,"
            " all_varchar=true)"
        )
    # The typed reader stores no rejects: any row it cannot read raises, and the caller then
    # reads the file with the general reader, which names every bad row. Storing rejects cost
    # ~8 % of a 10 M-line scan (bench/footprint.py).
    # The date is parsed by the reader too, with the same strptime the general reader tries
    # first (see _date_expr), so every date it accepts the general one reads the same.
    assert ledger.decimal_separator is not None
    types = {ledger.columns["amount"]: AMOUNT_TYPE}
    options += f", decimal_separator={sql_str(ledger.decimal_separator)}"
    if typed_date(ledger.date_format):
        types[ledger.columns["date"]] = "DATE"
        options += f", dateformat={sql_str(ledger.date_format or ISO_DATE)}"
    columns = ", ".join(
        f"{sql_str(h)}: {sql_str(types.get(h, 'VARCHAR'))}" for h in ledger.headings
    )
    return (
        f"read_csv({sql_str(str(ledger.text_path))}, {options}, auto_detect=false, "
        f"columns={{{columns}}})"
    )


def typed_date(date_format: str | None) -> bool:
    """Whether the typed reader may parse the date itself. Not with a time zone in the format:
    the reader's DATE keeps the date as written, a cast of strptime's TIMESTAMPTZ moves it to
    the session's time zone (and possibly into another year)."""
    return not (date_format and ("%z" in date_format or "%Z" in date_format))


def _amount_expr(raw: str) -> str:
    """The amount from its text: decimal comma or point; space, NBSP and narrow NBSP
    thousands separators; U+2212 minus. With a comma, points are thousands separators."""
    column = AMOUNT_CLEAN.format(col=raw)
    return (
        f"TRY_CAST(CASE WHEN contains({column}, ',') THEN replace(replace({column}, '.', ''),"
        f" ',', '.') ELSE {column} END AS {AMOUNT_TYPE})"
    )


def _date_expr(column: str, date_format: str | None) -> str:
    """The general reader's date: ``date_format`` if the mapping gives one; otherwise first
    what strptime reads as ÅÅÅÅ-MM-DD (also without leading zeros, and with surrounding
    spaces, exactly as the typed reader does), then ÅÅÅÅMMDD, ÅÅÅÅ-MM and ÅÅÅÅMM, and a
    date-time's first ten characters."""
    if date_format:
        return f"TRY_CAST(try_strptime(trim({column}), {sql_str(date_format)}) AS DATE)"
    v = f"left(trim({column}), 10)"
    general = (
        f"CASE length({v}) WHEN 10 THEN try_strptime({v}, '%Y-%m-%d') "
        f"WHEN 8 THEN try_strptime({v}, '%Y%m%d') "
        f"WHEN 7 THEN try_strptime({v} || '-01', '%Y-%m-%d') "
        f"WHEN 6 THEN try_strptime({v} || '01', '%Y%m%d') END"
    )
    return f"TRY_CAST(coalesce(try_strptime({column}, '{ISO_DATE}'), {general}) AS DATE)"


def scan_sql(ledger: PreparedLedger, typed: bool = False) -> str:
    """One row per invoice line with its amount and date parsed and every text field raw.

    The footprint cube groups these (normalising the few distinct keys afterwards);
    :func:`lines_sql` adds the trimmed account, the currency and the bad-row checks.
    ``typed`` reads through the typed reader (see the module docstring); the caller must check
    it rejected nothing.
    """
    cols = ledger.columns

    def raw(name: str) -> str:
        return ident(cols[name]) if name in cols else "NULL"

    source_row = f"{raw('source_row')} AS source_row, " if "source_row" in cols else ""
    if typed:
        # The typed reader leaves an empty amount NULL and rejects anything else unreadable.
        amount, amount_raw = raw("amount"), f"CAST({raw('amount')} AS VARCHAR)"
        if typed_date(ledger.date_format):
            date, date_raw = raw("date"), f"CAST({raw('date')} AS VARCHAR)"
        else:
            date, date_raw = _date_expr(raw("date"), ledger.date_format), raw("date")
        source = source_sql(ledger, typed=True)
    else:
        amount_raw = raw("amount")
        amount = _amount_expr(amount_raw)
        date, date_raw = _date_expr(raw("date"), ledger.date_format), raw("date")
        source = source_sql(ledger)
    optional = ", ".join(f"{raw(name)} AS {name}" for name in _OPTIONAL)
    return (
        f"SELECT {source_row}{raw('account')} AS account, {amount} AS amount,"
        f" {amount_raw} AS amount_raw, {date} AS date, {date_raw} AS date_raw,"
        f" {raw('currency')} AS currency, {optional} FROM {source}"
    )


def lines_sql(ledger: PreparedLedger, with_row: bool = False, typed: bool = False) -> str:
    """One normalised row per invoice line, with ``bad_column``/``bad_reason`` for bad ones.

    Text fields other than account and currency are passed through untrimmed; callers that
    group by them normalise the (few) distinct values afterwards.
    """
    cols = ledger.columns
    not_a_date = gettext("the date is not YYYY-MM-DD, YYYYMMDD or YYYYMM")
    checks = [
        ("account IS NULL OR account = ''", "account", gettext("the account is missing")),
        ("amount_raw IS NULL OR trim(amount_raw) = ''", "amount", gettext("the amount is missing")),
        ("amount IS NULL", "amount", gettext("the amount is not a number")),
        ("date_raw IS NULL OR trim(date_raw) = ''", "date", gettext("the date is missing")),
        # strptime reads "infinity" under any format; such a date has no year.
        ("date IS NULL OR NOT isfinite(date)", "date", not_a_date),
        ("year(date) NOT BETWEEN 1990 AND 2100", "date", gettext("the date is outside 1990–2100")),
    ]
    bad_column = "CASE " + " ".join(
        f"WHEN {cond} THEN {sql_str(cols[col])}" for cond, col, _ in checks
    )
    bad_reason = "CASE " + " ".join(
        f"WHEN {cond} THEN {sql_str(reason)}" for cond, _, reason in checks
    )
    row = ""
    if with_row:
        row = (
            "TRY_CAST(source_row AS BIGINT) AS row_no, "
            if "source_row" in cols
            else f"row_number() OVER () + {ledger.header_rows} AS row_no, "
        )
    return (
        f"SELECT {row}*, {bad_column} END AS bad_column, {bad_reason} END AS bad_reason FROM ("
        "SELECT * REPLACE (trim(account) AS account,"
        " coalesce(nullif(upper(trim(currency)), ''), 'SEK') AS currency)"
        f" FROM ({scan_sql(ledger, typed)}))"
    )


def bad_rows(
    con: duckdb.DuckDBPyConnection, ledger: PreparedLedger, limit: int = 1000
) -> list[BadRow]:
    """Locate bad rows (value errors and rows DuckDB could not split) with file row numbers."""
    query = (
        f"SELECT row_no, bad_column, bad_reason, "
        f"CASE WHEN bad_column = {sql_str(ledger.columns['date'])} THEN date_raw "
        f"WHEN bad_column = {sql_str(ledger.columns['amount'])} THEN amount_raw END"
        f" FROM ({lines_sql(ledger, with_row=True)}) "
        f"WHERE bad_reason IS NOT NULL LIMIT {int(limit)}"
    )
    found = [
        BadRow(ledger.name, int(r[0]), str(r[1]), str(r[2]), str(r[3] or ""))
        for r in con.execute(query).fetchall()
    ]
    found.extend(structural_rejects(con, ledger))
    return sorted(found, key=lambda b: b.row)[:limit]


def structural_rejects(con: duckdb.DuckDBPyConnection, ledger: PreparedLedger) -> list[BadRow]:
    """Rows the CSV reader rejected (too many columns, broken quoting), from reject_errors.

    CAST rejects come only from a typed read that was abandoned for the general one.
    """
    try:
        rows = con.execute(
            "SELECT e.line, coalesce(e.column_name, ''), e.error_type, e.error_message "
            "FROM reject_errors e JOIN reject_scans s USING (scan_id) "
            "WHERE s.file_path = ? AND e.error_type <> 'CAST' ORDER BY e.line",
            [str(ledger.text_path)],
        ).fetchall()
    except duckdb.CatalogException:
        return []
    seen: dict[int, BadRow] = {}
    for line, column, kind, message in rows:
        reason = _REJECT_REASONS.get(str(kind), str(message).splitlines()[0])
        seen.setdefault(int(line), BadRow(ledger.name, int(line), column or "-", reason))
    return list(seen.values())
