"""The demo, loaded once per test process and copied wherever a test wants it.

`klimatkontrakt migrate` and `klimatkontrakt demo` run once, in an installation of their own
(tests/live_install.py: SQLite, or a database on the run's PostgreSQL server). What they left
behind is the snapshot:
- a test's own database takes its rows (`restore`): every table emptied and filled with the
  snapshot's rows, inside the caller's transaction, so a module's rollback undoes it;
- a live installation starts as its copy (`copy_installation`): the SQLite file or a PostgreSQL
  database made from the snapshot's as a template, and the ledger files.
Loading the demo costs about ten seconds; a copy costs a fraction of one. The demo command itself
is still run (here, and by the tests of the command in tests/web/test_demo.py).
"""

from __future__ import annotations

import shutil
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.live_install import Installation, postgres_url

# Not part of an installation's state: the file-based page cache, rebuilt on demand.
NOT_COPIED = ("cache",)


@dataclass(frozen=True)
class Snapshot:
    inst: Installation

    @property
    def ledgers(self) -> Path:
        return self.inst.var_dir / "ledgers"

    @property
    def sqlite_file(self) -> Path:
        return self.inst.var_dir / "klimatkontrakt.sqlite3"


@contextmanager
def build(var_dir: Path) -> Iterator[Snapshot]:
    """A migrated installation with the demo loaded; its database is dropped afterwards."""
    with Installation.create(var_dir) as inst:
        inst.run("migrate", "--no-input")
        inst.run("demo")
        yield Snapshot(inst)


@contextmanager
def copy_installation(snapshot: Snapshot, var_dir: Path) -> Iterator[Installation]:
    """A new installation in var_dir holding what `migrate` and `demo` leave, as if they had
    just run there (same database kind as the snapshot)."""
    shutil.copytree(snapshot.inst.var_dir, var_dir, ignore=shutil.ignore_patterns(*NOT_COPIED))
    source_url = snapshot.inst.database_url
    if source_url is None:
        yield Installation(var_dir)
        return
    server = postgres_url()
    assert server, "a PostgreSQL snapshot without DATABASE_URL"
    template = urllib.parse.urlsplit(source_url).path.lstrip("/")
    with Installation.create(var_dir, postgres=True, template=template) as inst:
        yield inst


Rows = tuple[list[str], list[tuple[Any, ...]]]
_READ: dict[tuple[Path, str], dict[str, Rows]] = {}


def restore(connection: Any, snapshot: Snapshot) -> None:
    """Every table of the test database emptied and given the snapshot's rows, in the
    connection's current transaction (foreign keys are checked at its end, as Django defers
    them on both databases)."""
    key = (snapshot.inst.var_dir, connection.vendor)
    if key not in _READ:  # read once: the snapshot does not change
        _READ[key] = (
            _read_sqlite(snapshot) if connection.vendor == "sqlite" else _read_postgres(snapshot)
        )
    tables = dict(_READ[key])
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        missing = set(tables) - present - {"sqlite_sequence"}
        assert not missing, f"tables of the demo snapshot not in the test database: {missing}"
        for table in sorted(present):
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - introspected names
        if connection.vendor == "sqlite":
            _write_sqlite(cursor, tables, snapshot, quote)
        else:
            _write_postgres(cursor, tables, quote)


def _read_sqlite(snapshot: Snapshot) -> dict[str, Rows]:
    """Each table's columns and rows as SQLite stores them (no type conversion on the way)."""
    db = sqlite3.connect(snapshot.sqlite_file)
    try:
        names = [
            n
            for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not n.startswith("sqlite_")
        ]
        out = {}
        for name in names:
            cur = db.execute(f'SELECT * FROM "{name}"')  # noqa: S608 - names from the schema
            out[name] = ([d[0] for d in cur.description], cur.fetchall())
        out["sqlite_sequence"] = (
            ["name", "seq"],
            db.execute("SELECT * FROM sqlite_sequence").fetchall(),
        )
        return out
    finally:
        db.close()


def _write_sqlite(cursor: Any, tables: dict[str, Rows], snapshot: Snapshot, quote: Any) -> None:
    sequences = tables.pop("sqlite_sequence")[1]
    for table, (columns, rows) in tables.items():
        if rows:
            names = ", ".join(quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)  # noqa: S608
    # An id the snapshot has used is not given again, as in the installation it copies.
    for name, seq in sequences:
        cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [seq, name])
        if not cursor.rowcount:
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [name, seq])


def _read_postgres(snapshot: Snapshot) -> dict[str, Rows]:
    """Each table's columns, and its rows as one block in COPY's text format."""
    import psycopg

    assert snapshot.inst.database_url
    out: dict[str, Rows] = {}
    with psycopg.connect(snapshot.inst.database_url) as db:
        columns: dict[str, list[str]] = {}
        for table, column in db.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c"
            " JOIN pg_tables t ON t.tablename = c.table_name AND t.schemaname = c.table_schema"
            " WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position"
        ):
            columns.setdefault(table, []).append(column)
        for table, names in columns.items():
            data = bytearray()
            listed = ", ".join(f'"{n}"' for n in names)
            with db.cursor().copy(f'COPY "{table}" ({listed}) TO STDOUT') as copy:  # type: ignore[arg-type]
                for chunk in copy:
                    data += chunk
            out[table] = (names, [(bytes(data),)])
    return out


def _write_postgres(cursor: Any, tables: dict[str, Rows], quote: Any) -> None:
    for table, (columns, [(data,)]) in tables.items():
        if data:
            listed = ", ".join(quote(c) for c in columns)
            with cursor.cursor.copy(f"COPY {quote(table)} ({listed}) FROM STDIN") as copy:
                copy.write(data)
    # Sequences move on past the copied ids; never back, since a sequence ignores a rollback and
    # rows written before this transaction may hold higher ids.
    cursor.execute(
        "SELECT table_name, column_name, pg_get_serial_sequence(table_name, column_name)"
        " FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND pg_get_serial_sequence(table_name, column_name) IS NOT NULL"
    )
    for table, column, sequence in cursor.fetchall():
        cursor.execute(
            f"SELECT setval(%s, GREATEST((SELECT MAX({quote(column)}) FROM {quote(table)}),"  # noqa: S608
            " pg_sequence_last_value(%s::regclass), 1))",
            [sequence, sequence],
        )


def copy_ledgers(snapshot: Snapshot, target: Path) -> Path:
    """The snapshot's ledger files in target, for settings.LEDGER_DIR."""
    shutil.copytree(snapshot.ledgers, target, dirs_exist_ok=True)
    return target


def load_committed(snapshot: Snapshot) -> None:
    """The snapshot's rows committed, for a test whose database others read (transaction=True,
    a live server); pytest-django empties every table after such a test."""
    from django.db import connection, transaction

    with transaction.atomic():
        restore(connection, snapshot)
