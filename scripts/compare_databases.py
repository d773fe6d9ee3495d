#!/usr/bin/env python3
"""Compare every table of two SQLite databases, row by row, and print what differs as JSON.

Used to show that a migration moves no data: copy a database, migrate the copy, then
`python scripts/compare_databases.py before.sqlite3 after.sqlite3 --ignore django_migrations`.
Tables only in the second database are listed (new tables are expected to start empty).
Exits 1 when a table of the first database lost or changed a row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys


def tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(r[0] for r in rows)


def digest(db: sqlite3.Connection, table: str) -> tuple[int, str]:
    """Row count and a hash of every row (columns in name order, rows sorted)."""
    columns = sorted(r[1] for r in db.execute(f'PRAGMA table_info("{table}")'))
    select = ", ".join(f'"{c}"' for c in columns)
    # Table and column names come from the database's own catalogue.
    query = f'SELECT {select} FROM "{table}"'  # noqa: S608
    rows = sorted(repr(r) for r in db.execute(query))
    return len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--ignore", nargs="*", default=[], help="tables to leave out")
    args = parser.parse_args()
    before, after = sqlite3.connect(args.before), sqlite3.connect(args.after)
    old, new = set(tables(before)) - set(args.ignore), set(tables(after)) - set(args.ignore)
    report: dict[str, object] = {"tables": len(old), "rows": 0, "differ": {}, "missing": []}
    for table in sorted(old):
        if table not in new:
            report["missing"].append(table)  # type: ignore[attr-defined]
            continue
        a, b = digest(before, table), digest(after, table)
        report["rows"] += a[0]  # type: ignore[operator]
        if a != b:
            report["differ"][table] = {"before": a[0], "after": b[0]}  # type: ignore[index]
    report["new_tables"] = {t: digest(after, t)[0] for t in sorted(new - old)}
    print(json.dumps(report, indent=2))
    return 1 if report["differ"] or report["missing"] else 0


if __name__ == "__main__":
    sys.exit(main())
