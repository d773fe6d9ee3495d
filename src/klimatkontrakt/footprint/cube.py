"""The cube: a ledger reduced, in one streaming scan, to spend per key cell.

A cell is one (year, department, account, account text, text, supplier, buyer, currency).
Rules and factors depend on nothing else, so classifying cells gives the same tonnes as
classifying lines. The scan also counts bad rows per cell, so checking a file and building its
cube is a single pass over it.
"""

from __future__ import annotations

import duckdb

from klimatkontrakt.sources import ledger as ledger_io
from klimatkontrakt.sources.ledger import clean as ledger_clean

UNKNOWN_DEPARTMENT = "(okänd förvaltning)"
UNKNOWN_SUPPLIER = "(okänd leverantör)"
TEXT_KEYS = (
    "department",
    "account",
    "account_text",
    "text",
    "supplier_id",
    "supplier_name",
    "buyer_id",
    "currency",
)
KEY = ("file_id", "year", *TEXT_KEYS)
CUBE_COLUMNS = (
    "file_id INTEGER, year INTEGER, department VARCHAR, account VARCHAR, account_text VARCHAR,"
    " text VARCHAR, supplier_id VARCHAR, supplier_name VARCHAR, buyer_id VARCHAR,"
    " currency VARCHAR, amount DECIMAL(38, 2), n BIGINT"
)


def normalise_exprs(col: dict[str, str]) -> dict[str, str]:
    """SQL for the normalised text keys, given SQL for the raw values (one place for both
    the cube and the drill-down, so a line always lands in its cube cell)."""
    return {
        "department": f"coalesce(nullif(trim({col['department']}), ''), '{UNKNOWN_DEPARTMENT}')",
        "account": f"coalesce(trim({col['account']}), '')",
        "account_text": f"coalesce(trim({col['account_text']}), '')",
        "text": f"coalesce(trim({col['text']}), '')",
        "supplier_id": f"regexp_replace(coalesce({col['supplier_id']}, ''), '[^0-9]', '', 'g')",
        "supplier_name": (
            f"coalesce(nullif(trim({col['supplier_name']}), ''), '{UNKNOWN_SUPPLIER}')"
        ),
        "buyer_id": f"regexp_replace(coalesce({col['buyer_id']}, ''), '[^0-9]', '', 'g')",
        "currency": f"coalesce(nullif(upper(trim({col['currency']})), ''), 'SEK')",
    }


def _normalised_keys() -> str:
    norm = normalise_exprs({k: k for k in TEXT_KEYS})
    return ", ".join(f"{norm[k]} AS {k}" for k in TEXT_KEYS)


def scan(con: duckdb.DuckDBPyConnection, prepared: ledger_io.PreparedLedger) -> bool:
    """Table ``cells``: the file's raw key cells with their spend and row counts.

    Reads through the typed reader when the file looks plain and falls back to the general
    one if the typed reader raises on or finds bad any row (see ledger.clean); returns whether
    the typed reader was used.
    """
    if prepared.decimal_separator is not None:
        try:
            _cells(con, ledger_clean.scan_sql(prepared, typed=True))
        except duckdb.Error:
            pass  # a row the typed reader cannot read: the general one names it
        else:
            if counts(con)[1] == 0:
                return True
    _cells(con, ledger_clean.scan_sql(prepared))
    return False


def _cells(con: duckdb.DuckDBPyConnection, lines: str) -> None:
    """A row is bad when its account is empty, its amount or date unreadable or its year
    outside 1990-2100 (see ledger.clean.lines_sql). The first and last make the whole cell bad
    (they are part of its key); an unreadable amount is what count(amount) leaves out. So no
    per-row flag is needed, which keeps the scan close to DuckDB's raw CSV speed. Grouping on
    one 64-bit hash of the key, carrying the key with any_value(), is faster than grouping on
    nine text columns; see docs/footprint.md on collisions.
    """
    keys = ("year(date)", *TEXT_KEYS)
    names = ("year", *TEXT_KEYS)
    # One any_value() of a struct costs less per line than one per key column.
    packed = ", ".join(f"{n}: {k}" for k, n in zip(keys, names, strict=True))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE cells AS SELECT {', '.join(f'k.{n} AS {n}' for n in names)},"
        " amount, n_ok, n_all FROM ("
        f"SELECT any_value({{{packed}}}) AS k, sum(amount) AS amount,"
        f" count(amount) AS n_ok, count(*) AS n_all FROM ({lines})"
        f" GROUP BY hash({', '.join(keys)}))"
    )


_WHOLE_CELL_BAD = (
    "(year IS NULL OR year NOT BETWEEN 1990 AND 2100 OR coalesce(trim(account), '') = '')"
)


def counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """All rows and bad rows of the scanned file."""
    row = con.execute(
        f"SELECT coalesce(sum(n_all), 0), coalesce(sum(CASE WHEN {_WHOLE_CELL_BAD} THEN n_all"
        " ELSE n_all - n_ok END), 0) FROM cells"
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def add_to_cube(con: duckdb.DuckDBPyConnection, file_id: int) -> None:
    """The scanned file's good spend, keys normalised, into table ``cube``."""
    con.execute(
        f"INSERT INTO cube SELECT {int(file_id)}, year, {_normalised_keys()}, sum(amount),"
        f" sum(n_ok) FROM cells WHERE NOT {_WHOLE_CELL_BAD} AND n_ok > 0 GROUP BY ALL"
    )


def drop_scan(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DROP TABLE IF EXISTS cells")


def normalised_lines(lines_sql: str, file_id: int | None) -> str:
    """Good lines with normalised keys; without ``file_id`` as stored in Parquet."""
    file_col = "" if file_id is None else f"{int(file_id)} AS file_id, "
    return (
        f"SELECT {file_col}row_no, invoice, date, year(date) AS year, amount, "
        f"{_normalised_keys()}, contract, procurement_type, project FROM ({lines_sql}) "
        "WHERE bad_reason IS NULL"
    )
