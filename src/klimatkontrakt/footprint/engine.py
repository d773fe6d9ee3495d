"""The footprint pipeline in DuckDB: ledgers -> line cube -> rules -> factors -> tonnes.

Every ledger is first reduced, in one streaming scan, to a *cube*: spend summed per year,
department, account, account text, supplier and currency. Rules and factors depend on
nothing else, so classifying the cube gives exactly the same tonnes as classifying each
line (the reconciliation tests check this) at a fraction of the cost. Drill-down goes back
to the lines with the same normalisation and the same classification.

This module must not import Django models: the one-shot command runs it without a database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from klimatkontrakt.footprint import cube
from klimatkontrakt.footprint.classify import INTERNAL_RULE, classify
from klimatkontrakt.footprint.cube import KEY, TEXT_KEYS, UNKNOWN_DEPARTMENT, UNKNOWN_SUPPLIER
from klimatkontrakt.sources import ledger as ledger_io
from klimatkontrakt.sources.activity import ActivityRecord
from klimatkontrakt.sources.factors import ConversionTables, FactorSet, default_tables
from klimatkontrakt.sources.rules import Rule

__all__ = [
    "INTERNAL_RULE",
    "KEY",
    "UNKNOWN_DEPARTMENT",
    "UNKNOWN_SUPPLIER",
    "WHOLE_ORGANISATION",
    "Engine",
    "FileReport",
    "ledger_years",
    "run",
    "write_parquet",
]
WHOLE_ORGANISATION = "(hela organisationen)"
LEDGER_TIME_ZONE = "Europe/Stockholm"
# What the drill-down to invoice lines may filter on (page, API and engine).
LINE_FILTERS = (
    "year",
    "department",
    "category",
    "supplier_id",
    "supplier_name",
    "status",
    "account",
)


@dataclass
class FileReport:
    name: str
    content_hash: str
    status: str  # accepted | refused | duplicate
    lines: int = 0
    bad_count: int = 0
    bad_rows: list[ledger_io.BadRow] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "content_hash": self.content_hash,
            "status": self.status,
            "lines": self.lines,
            "bad_rows": self.bad_count,
            "skipped": [b.message() for b in self.bad_rows],
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "columns": self.columns,
            "message": self.message,
        }


class Engine:
    """One DuckDB connection holding the cube of the ledgers loaded so far."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection | None = None,
        workdir: Path | None = None,
        memory_limit: str = "1GB",
        filesystem: Any = None,
    ):
        self.con = con or duckdb.connect()
        if filesystem is not None:
            # An fsspec file system (s3fs) for stored ledgers held in an object store.
            self.con.register_filesystem(filesystem)
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        # A date with a UTC offset (a mapping's %z) becomes the Swedish calendar date, whatever
        # the server's time zone.
        self.con.execute(f"SET TimeZone = '{LEDGER_TIME_ZONE}'")
        self.con.execute("SET preserve_insertion_order = false")
        self._tmp = tempfile.TemporaryDirectory(prefix="footprint-")
        self.workdir = Path(workdir) if workdir else Path(self._tmp.name)
        self.con.execute(f"SET temp_directory = '{self._tmp.name}'")
        self.con.execute(f"CREATE TEMP TABLE cube ({cube.CUBE_COLUMNS})")
        self.files: list[FileReport] = []
        self._temporary: list[Path] = []
        self._lines_sql: dict[int, str] = {}
        self.sources: dict[int, str] = {}  # file_id -> SQL relation of normalised lines
        self._hashes: set[str] = set()

    def close(self) -> None:
        self.con.close()
        for tmp in self._temporary:
            tmp.unlink(missing_ok=True)
        self._tmp.cleanup()

    # -- loading ---------------------------------------------------------------------------

    def load(
        self,
        path: Path,
        mapping: ledger_io.ColumnMapping | None = None,
        threshold: float = ledger_io.DEFAULT_BAD_ROW_THRESHOLD,
        name: str | None = None,
        digest: str | None = None,
    ) -> FileReport:
        """Add a ledger file; a file seen before (same content hash) is counted once.

        ``digest`` is the file's content hash when the caller already has it.
        """
        path = Path(path)
        if digest is not None:
            report = self._prepare_and_load(path, mapping, threshold, name, digest, None)
        else:
            # The content hash is computed while DuckDB scans (xxhash releases the GIL).
            with ThreadPoolExecutor(max_workers=1) as pool:
                digest_future = pool.submit(ledger_io.content_hash, path)
                report = self._prepare_and_load(path, mapping, threshold, name, "", digest_future)
        self.files.append(report)
        if report.status == "accepted":
            self._hashes.add(report.content_hash)
        return report

    def _prepare_and_load(
        self,
        path: Path,
        mapping: ledger_io.ColumnMapping | None,
        threshold: float,
        name: str | None,
        digest: str,
        digest_future: Future[str] | None,
    ) -> FileReport:
        prepared = ledger_io.prepare(path, mapping, self.workdir, name=name, digest=digest)
        self._temporary.extend(prepared.temporary)
        try:
            return self._load_prepared(prepared, threshold, digest_future)
        except duckdb.Error:
            if prepared.text_path != path:
                raise
        # DuckDB could not read the file where it is (mixed line endings, a broken UTF-16 or
        # Latin-1 character): rewritten as UTF-8 with LF endings, as every such file once was.
        prepared = ledger_io.prepare(
            path, mapping, self.workdir, name=name, digest=digest, in_place=False
        )
        self._temporary.extend(prepared.temporary)
        return self._load_prepared(prepared, threshold, digest_future)

    def _load_prepared(
        self,
        prepared: ledger_io.PreparedLedger,
        threshold: float,
        digest_future: Future[str] | None = None,
    ) -> FileReport:
        file_id = len(self.files) + 1
        report = FileReport(
            prepared.name,
            prepared.content_hash,
            "accepted",
            encoding=prepared.encoding,
            delimiter=prepared.delimiter,
            columns=prepared.columns,
        )
        typed = cube.scan(self.con, prepared)
        structural = len(ledger_io.structural_rejects(self.con, prepared))
        if digest_future is not None:
            prepared.content_hash = report.content_hash = digest_future.result()
        if prepared.content_hash in self._hashes:
            cube.drop_scan(self.con)
            report.status = "duplicate"
            report.message = _("the same content as a file already read; counted once")
            return report
        total, bad = cube.counts(self.con)
        bad += structural
        total += structural
        report.lines = total - bad
        report.bad_count = bad
        if bad:
            report.bad_rows = ledger_io.bad_rows(self.con, prepared)
        if total == 0:
            report.status = "refused"
            report.message = _("the file has no rows")
        elif bad / total > threshold:
            report.status = "refused"
            report.message = _(
                "%(bad)s of %(total)s rows are faulty (%(share)s %%), more than the limit of "
                "%(limit)s %%; the whole file is refused"
            ) % {
                "bad": bad,
                "total": total,
                "share": number_format(100 * bad / total, 2),
                "limit": number_format(100 * threshold),
            }
        if report.status == "accepted":
            cube.add_to_cube(self.con, file_id)
            # Drill-down reads the file again through the reader that accepted it.
            self._lines_sql[file_id] = ledger_io.lines_sql(prepared, with_row=True, typed=typed)
            self.sources[file_id] = cube.normalised_lines(self._lines_sql[file_id], file_id)
            if bad:
                report.message = f"{bad} felaktiga rader hoppades över (se listan)"
        cube.drop_scan(self.con)
        return report

    def stored_lines_sql(self, file_id: int) -> str:
        """The good lines of a loaded CSV/XLSX/SIE file in the Parquet layout."""
        return cube.normalised_lines(self._lines_sql[file_id], None)

    def load_parquet(self, path: Path | str, name: str, content_hash: str) -> FileReport:
        """Add a ledger stored by :func:`write_parquet` (the database path); ``path`` may be a
        local path or a URL of the connection's registered file system."""
        if content_hash in self._hashes:
            report = FileReport(name, content_hash, "duplicate")
            self.files.append(report)
            return report
        file_id = len(self.files) + 1
        rel = f"read_parquet({_quoted(path)})"
        keys = ", ".join(TEXT_KEYS)
        self.con.execute(
            f"INSERT INTO cube SELECT {file_id}, year, {keys}, sum(amount), count(*)"
            f" FROM {rel} GROUP BY ALL"
        )
        lines = self.con.execute(f"SELECT count(*) FROM {rel}").fetchone()
        report = FileReport(name, content_hash, "accepted", lines=int(lines[0]) if lines else 0)
        self.sources[file_id] = f"SELECT {file_id} AS file_id, * FROM {rel}"
        self.files.append(report)
        self._hashes.add(content_hash)
        return report

    # -- computing -------------------------------------------------------------------------

    def compute(
        self,
        rules: Sequence[Rule],
        factors: FactorSet,
        activity: Sequence[ActivityRecord] = (),
        tables: ConversionTables | None = None,
    ) -> dict[str, Any]:
        from klimatkontrakt.footprint.results import summarise

        self.classify(rules, factors, activity, tables or default_tables())
        return summarise(self, rules, factors, activity)

    def classify(
        self,
        rules: Sequence[Rule],
        factors: FactorSet,
        activity: Sequence[ActivityRecord],
        tables: ConversionTables,
    ) -> None:
        """Build table ``classified``: the cube with rule, category, factor and kg per cell."""
        classify(self.con, rules, factors, activity, tables)

    # -- drill-down ------------------------------------------------------------------------

    def lines(
        self,
        filters: dict[str, Any] | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Invoice lines behind a figure, each with the rule and factor applied to it.

        ``filters`` keys: year, department, category, supplier_id, supplier_name, status.
        Requires :meth:`classify` to have run.
        """
        if not self.sources:
            return []
        where, params = [], []
        for key, value in (filters or {}).items():
            if key not in LINE_FILTERS:
                raise ValueError(f"okänt filter {key!r}")
            where.append(f"c.{key} = ?")
            params.append(value)
        cond = " AND ".join(where) or "TRUE"
        union = " UNION ALL ".join(f"({sql})" for sql in self.sources.values())
        query = (
            "SELECT l.file_id, l.row_no, l.invoice, l.date, l.department, l.account,"
            " l.account_text, l.supplier_id, l.supplier_name, CAST(l.amount AS DOUBLE) AS amount,"
            " l.currency, CAST(l.amount AS DOUBLE) * c.amount_sek / nullif(CAST(c.amount AS"
            " DOUBLE), 0) AS amount_sek, c.category, c.rule_id, c.status, c.kg_per_sek,"
            " c.conversion, CAST(l.amount AS DOUBLE) * c.amount_sek / nullif(CAST(c.amount AS"
            " DOUBLE), 0) * coalesce(c.kg_per_sek, 0) / 1000 AS t"
            f" FROM ({union}) l JOIN (SELECT * FROM classified c WHERE {cond}) c"
            " USING (" + ", ".join(KEY) + f") ORDER BY l.file_id, l.row_no LIMIT {int(limit)}"
            f" OFFSET {int(offset)}"
        )
        cursor = self.con.execute(query, params)
        names = [d[0] for d in cursor.description]
        out = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        names_by_id = {i + 1: f.name for i, f in enumerate(self.files)}
        for row in out:
            row["file"] = names_by_id.get(row["file_id"], "")
        return out


def write_parquet(
    path: Path,
    target: Path,
    mapping: ledger_io.ColumnMapping | None = None,
    threshold: float = ledger_io.DEFAULT_BAD_ROW_THRESHOLD,
    name: str | None = None,
    digest: str | None = None,
) -> FileReport:
    """Check a ledger file and, if accepted, store its good lines as Parquet at ``target``."""
    engine = Engine()
    try:
        report = engine.load(path, mapping, threshold, name=name, digest=digest)
        if report.status == "accepted":
            target.parent.mkdir(parents=True, exist_ok=True)
            sql = engine.stored_lines_sql(1)
            engine.con.execute(f"COPY ({sql}) TO '{target.as_posix()}' (FORMAT parquet)")
        return report
    finally:
        engine.close()


def _quoted(path: Path | str) -> str:
    text = path.as_posix() if isinstance(path, Path) else str(path)
    return "'" + text.replace("'", "''") + "'"


def ledger_years(paths: Sequence[Path | str], filesystem: Any = None) -> set[int]:
    """The years the stored lines (Parquet files of :func:`write_parquet`) hold; ``filesystem``
    as for :class:`Engine`."""
    if not paths:
        return set()
    files = ", ".join(_quoted(p) for p in paths)
    con = duckdb.connect()
    try:
        if filesystem is not None:
            con.register_filesystem(filesystem)
        rows = con.execute(f"SELECT DISTINCT year FROM read_parquet([{files}])").fetchall()
    finally:
        con.close()
    return {int(r[0]) for r in rows if r[0] is not None}


def run(
    paths: Iterable[Path],
    rules: Sequence[Rule],
    factors: FactorSet,
    activity: Sequence[ActivityRecord] = (),
    tables: ConversionTables | None = None,
    mapping: ledger_io.ColumnMapping | None = None,
    threshold: float = ledger_io.DEFAULT_BAD_ROW_THRESHOLD,
) -> dict[str, Any]:
    """The whole pipeline on files; the one-shot command prints what this returns. Activity
    data of years the ledgers do not hold is left out, as for stored ledgers."""
    engine = Engine()
    try:
        for path in paths:
            engine.load(Path(path), mapping, threshold)
        years = {int(r[0]) for r in engine.con.execute("SELECT DISTINCT year FROM cube").fetchall()}
        activity = [a for a in activity if a.year in years]
        return engine.compute(rules, factors, activity, tables)
    finally:
        engine.close()
