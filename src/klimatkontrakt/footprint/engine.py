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

from klimatkontrakt.calc import footprint as calc
from klimatkontrakt.sources import ledger as ledger_io
from klimatkontrakt.sources.activity import ActivityRecord
from klimatkontrakt.sources.factors import ConversionTables, FactorSet, default_tables
from klimatkontrakt.sources.rules import EXCLUDE, INTERNAL_RULE_NOTE, Rule

UNKNOWN_DEPARTMENT = "(okänd förvaltning)"
UNKNOWN_SUPPLIER = "(okänd leverantör)"
WHOLE_ORGANISATION = "(hela organisationen)"
INTERNAL_RULE = Rule(0, "supplier_id", "=köparen", EXCLUDE, 100, INTERNAL_RULE_NOTE)
KEY = (
    "file_id",
    "year",
    "department",
    "account",
    "account_text",
    "text",
    "supplier_id",
    "supplier_name",
    "buyer_id",
    "currency",
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


_TEXT_KEYS = (
    "department",
    "account",
    "account_text",
    "text",
    "supplier_id",
    "supplier_name",
    "buyer_id",
    "currency",
)


class Engine:
    """One DuckDB connection holding the cube of the ledgers loaded so far."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection | None = None,
        workdir: Path | None = None,
        memory_limit: str = "1GB",
    ):
        self.con = con or duckdb.connect()
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute("SET preserve_insertion_order = false")
        self._tmp = tempfile.TemporaryDirectory(prefix="footprint-")
        self.workdir = Path(workdir) if workdir else Path(self._tmp.name)
        self.con.execute(f"SET temp_directory = '{self._tmp.name}'")
        self.con.execute(
            "CREATE TEMP TABLE cube (file_id INTEGER, year INTEGER, department VARCHAR,"
            " account VARCHAR, account_text VARCHAR, text VARCHAR, supplier_id VARCHAR,"
            " supplier_name VARCHAR, buyer_id VARCHAR, currency VARCHAR,"
            " amount DECIMAL(38, 2), n BIGINT)"
        )
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
    ) -> FileReport:
        """Add a ledger file; a file seen before (same content hash) is counted once."""
        path = Path(path)
        # The content hash is computed while DuckDB scans (hashlib releases the GIL).
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest_future = pool.submit(ledger_io.content_hash, path)
            prepared = ledger_io.prepare(path, mapping, self.workdir, name=name, digest="")
            self._temporary.extend(prepared.temporary)
            report = self._load_prepared(prepared, threshold, digest_future)
        self.files.append(report)
        if report.status == "accepted":
            self._hashes.add(report.content_hash)
        return report

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
        lines = ledger_io.lines_sql(prepared)
        self._stage(lines)
        structural = len(ledger_io.structural_rejects(self.con, prepared))
        if digest_future is not None:
            prepared.content_hash = report.content_hash = digest_future.result()
        if prepared.content_hash in self._hashes:
            self.con.execute("DROP TABLE stage")
            report.status = "duplicate"
            report.message = "samma innehåll som en redan inläst fil; räknas en gång"
            return report
        total, bad = self.con.execute(
            "SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (WHERE bad), 0) FROM stage"
        ).fetchone() or (0, 0)
        bad = int(bad) + structural
        total = int(total) + structural
        report.lines = total - bad
        report.bad_count = bad
        if bad:
            report.bad_rows = ledger_io.bad_rows(self.con, prepared)
        if total == 0:
            report.status = "refused"
            report.message = "filen innehåller inga rader"
        elif bad / total > threshold:
            report.status = "refused"
            report.message = (
                f"{bad} av {total} rader är felaktiga ({100 * bad / total:.2f} %), mer än "
                f"gränsen {100 * threshold:g} %; hela filen avvisas"
            )
        if report.status == "accepted":
            norm = normalise_exprs({k: k for k in _TEXT_KEYS})
            keys = ", ".join(f"{norm[k]} AS {k}" for k in _TEXT_KEYS)
            self.con.execute(
                f"INSERT INTO cube SELECT {file_id}, year, {keys}, sum(amount), sum(n)"
                " FROM stage WHERE NOT bad GROUP BY ALL"
            )
            self._lines_sql[file_id] = ledger_io.lines_sql(prepared, with_row=True)
            self.sources[file_id] = self._normalised_lines(self._lines_sql[file_id], file_id)
            if bad:
                report.message = f"{bad} felaktiga rader hoppades över (se listan)"
        self.con.execute("DROP TABLE stage")
        return report

    def _stage(self, lines: str) -> None:
        """Table ``stage``: the file's cells with their good spend and bad-row counts.

        A row is bad when its account is empty, its amount or date unreadable or its year
        outside 1990-2100 (see ledger.lines_sql). The first and last make the whole cell bad
        (they are part of its key); an unreadable amount is what count(amount) leaves out. So
        no per-row flag is needed, which keeps the scan close to DuckDB's raw CSV speed.
        Grouping on one 64-bit hash of the key, carrying the key with any_value(), is ~35 %
        faster than grouping on nine text columns; see docs/footprint.md on collisions.
        """
        keys = ("year(date)", *_TEXT_KEYS)
        names = ("year", *_TEXT_KEYS)
        carried = ", ".join(f"any_value({k}) AS {n}" for k, n in zip(keys, names, strict=True))
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE cells AS SELECT {carried}, sum(amount) AS amount,"
            f" count(amount) AS n_ok, count(*) AS n_all FROM ({lines})"
            f" GROUP BY hash({', '.join(keys)})"
        )
        text = ", ".join(_TEXT_KEYS)
        whole_cell_bad = (
            "year IS NULL OR year NOT BETWEEN 1990 AND 2100 OR coalesce(account, '') = ''"
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE stage AS"
            f" SELECT year, {text}, false AS bad, amount, n_ok AS n FROM cells"
            f" WHERE NOT ({whole_cell_bad}) AND n_ok > 0"
            f" UNION ALL SELECT year, {text}, true, NULL,"
            f" CASE WHEN {whole_cell_bad} THEN n_all ELSE n_all - n_ok END FROM cells"
            f" WHERE ({whole_cell_bad}) OR n_all > n_ok;"
            "DROP TABLE cells"
        )

    @staticmethod
    def _normalised_lines(lines_sql: str, file_id: int | None) -> str:
        """Good lines with normalised keys; without ``file_id`` as stored in Parquet."""
        norm = normalise_exprs({k: k for k in _TEXT_KEYS})
        keys = ", ".join(f"{norm[k]} AS {k}" for k in _TEXT_KEYS)
        file_col = "" if file_id is None else f"{int(file_id)} AS file_id, "
        return (
            f"SELECT {file_col}row_no, invoice, date, year(date) AS year, amount, "
            f"{keys}, contract, procurement_type, project FROM ({lines_sql}) "
            "WHERE bad_reason IS NULL"
        )

    def stored_lines_sql(self, file_id: int) -> str:
        """The good lines of a loaded CSV/XLSX/SIE file in the Parquet layout."""
        return self._normalised_lines(self._lines_sql[file_id], None)

    def load_parquet(self, path: Path, name: str, content_hash: str) -> FileReport:
        """Add a ledger stored by :func:`write_parquet` (the database path)."""
        if content_hash in self._hashes:
            report = FileReport(name, content_hash, "duplicate")
            self.files.append(report)
            return report
        file_id = len(self.files) + 1
        rel = f"read_parquet('{Path(path).as_posix()}')"
        keys = ", ".join(_TEXT_KEYS)
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
        con = self.con
        all_rules = [INTERNAL_RULE, *rules]
        con.execute(
            "CREATE OR REPLACE TEMP TABLE rules (id INTEGER, field VARCHAR, pattern VARCHAR,"
            " category VARCHAR, rank HUGEINT)"
        )
        if all_rules:
            con.executemany(
                "INSERT INTO rules VALUES (?, ?, ?, ?, ?)",
                [(r.id, r.field, r.pattern, r.category, r.rank) for r in all_rules],
            )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE acc_best AS SELECT a.account, max(r.rank) AS rank"
            " FROM (SELECT DISTINCT account FROM cube) a JOIN rules r ON r.field = 'account'"
            " AND starts_with(a.account, r.pattern) GROUP BY 1;"
            "CREATE OR REPLACE TEMP TABLE sid_best AS SELECT s.supplier_id, max(r.rank) AS rank"
            " FROM (SELECT DISTINCT supplier_id FROM cube) s JOIN rules r ON r.id > 0 AND"
            " r.field = 'supplier_id' AND s.supplier_id = r.pattern GROUP BY 1;"
            "CREATE OR REPLACE TEMP TABLE name_best AS SELECT s.supplier_name,"
            " max(r.rank) AS rank FROM (SELECT DISTINCT supplier_name FROM cube) s"
            " JOIN rules r ON r.field = 'supplier_name'"
            " AND regexp_matches(s.supplier_name, r.pattern, 'i') GROUP BY 1;"
            "CREATE OR REPLACE TEMP TABLE text_best AS SELECT s.account_text, s.text,"
            " max(r.rank) AS rank FROM (SELECT DISTINCT account_text, text FROM cube) s"
            " JOIN rules r ON r.field = 'text'"
            " AND regexp_matches(s.account_text || ' ' || s.text, r.pattern, 'i') GROUP BY 1, 2"
        )
        internal_rank = INTERNAL_RULE.rank
        years = [int(r[0]) for r in con.execute("SELECT DISTINCT year FROM cube").fetchall()]
        spend_factors = factors.spend()
        rows = []
        for category, factor in spend_factors.items():
            for year in years:
                conv = calc.factor_per_sek(
                    factor.value,
                    factor.currency or "SEK",
                    factor.year,
                    year,
                    tables.price_index,
                    tables.sek_per,
                )
                low, _, high = calc.factor_range(
                    factor.value, factor.low, factor.high, factor.quality
                )
                m = conv.multiplier
                rows.append((category, year, conv.kg_per_sek, low * m, high * m, conv.note()))
        con.execute(
            "CREATE OR REPLACE TEMP TABLE factor_sek (category VARCHAR, year INTEGER,"
            " kg_per_sek DOUBLE, kg_low DOUBLE, kg_high DOUBLE, conversion VARCHAR)"
        )
        if rows:
            con.executemany("INSERT INTO factor_sek VALUES (?, ?, ?, ?, ?, ?)", rows)
        currencies = con.execute("SELECT DISTINCT currency, year FROM cube").fetchall()
        con.execute("CREATE OR REPLACE TEMP TABLE fx (currency VARCHAR, year INTEGER, rate DOUBLE)")
        if currencies:
            con.executemany(
                "INSERT INTO fx VALUES (?, ?, ?)",
                [(c, y, calc.to_sek(1.0, c, y, tables.sek_per)) for c, y in currencies],
            )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE activity_spend (id INTEGER, year INTEGER,"
            " department VARCHAR, category VARCHAR, account VARCHAR, supplier_id VARCHAR)"
        )
        replacing = [a for a in activity if a.replaces_spend]
        if replacing:
            con.executemany(
                "INSERT INTO activity_spend VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.year,
                        a.department,
                        a.replaces_category,
                        a.replaces_account,
                        a.replaces_supplier_id,
                    )
                    for a in replacing
                ],
            )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE classified AS "
            "WITH ranked AS (SELECT c.*, greatest(coalesce(ra.rank, -1), coalesce(rs.rank, -1),"
            " coalesce(rn.rank, -1), coalesce(rt.rank, -1),"
            f" CASE WHEN c.supplier_id <> '' AND c.supplier_id = c.buyer_id THEN {internal_rank}"
            " ELSE -1 END) AS best FROM cube c"
            " LEFT JOIN acc_best ra USING (account) LEFT JOIN sid_best rs USING (supplier_id)"
            " LEFT JOIN name_best rn USING (supplier_name)"
            " LEFT JOIN text_best rt USING (account_text, text)),"
            " labelled AS (SELECT k.*, r.id AS rule_id, r.category,"
            " CAST(k.amount AS DOUBLE) * fx.rate AS amount_sek"
            " FROM ranked k LEFT JOIN rules r ON r.rank = k.best"
            " JOIN fx USING (currency, year)),"
            " replaced AS (SELECT l.file_id, l.year, l.department, l.account, l.account_text,"
            " l.text, l.supplier_id, l.supplier_name, l.buyer_id, l.currency,"
            " min(a.id) AS replaced_by FROM labelled l JOIN activity_spend a"
            " ON a.year = l.year AND (a.department = '' OR a.department = l.department)"
            " AND (a.category = '' OR a.category = l.category)"
            " AND (a.account = '' OR starts_with(l.account, a.account))"
            " AND (a.supplier_id = '' OR a.supplier_id = l.supplier_id)"
            " WHERE l.category IS DISTINCT FROM 'exclude' GROUP BY ALL)"
            " SELECT l.*, p.replaced_by, f.kg_per_sek, f.conversion,"
            " l.amount_sek * f.kg_per_sek AS kg, l.amount_sek * f.kg_low AS kg_low,"
            " l.amount_sek * f.kg_high AS kg_high,"
            " CASE WHEN l.category = 'exclude' THEN 'excluded'"
            " WHEN l.category IS NULL THEN 'unclassified'"
            " WHEN p.replaced_by IS NOT NULL THEN 'replaced'"
            " WHEN f.kg_per_sek IS NULL THEN 'no_factor' ELSE 'spend' END AS status"
            " FROM labelled l LEFT JOIN replaced p USING (" + ", ".join(KEY) + ")"
            " LEFT JOIN factor_sek f USING (category, year)"
        )

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
            if key not in {
                "year",
                "department",
                "category",
                "supplier_id",
                "supplier_name",
                "status",
                "account",
            }:
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
) -> FileReport:
    """Check a ledger file and, if accepted, store its good lines as Parquet at ``target``."""
    engine = Engine()
    try:
        report = engine.load(path, mapping, threshold, name=name)
        if report.status == "accepted":
            target.parent.mkdir(parents=True, exist_ok=True)
            sql = engine.stored_lines_sql(1)
            engine.con.execute(f"COPY ({sql}) TO '{target.as_posix()}' (FORMAT parquet)")
        return report
    finally:
        engine.close()


def run(
    paths: Iterable[Path],
    rules: Sequence[Rule],
    factors: FactorSet,
    activity: Sequence[ActivityRecord] = (),
    tables: ConversionTables | None = None,
    mapping: ledger_io.ColumnMapping | None = None,
    threshold: float = ledger_io.DEFAULT_BAD_ROW_THRESHOLD,
) -> dict[str, Any]:
    """The whole pipeline on files; the one-shot command prints what this returns."""
    engine = Engine()
    try:
        for path in paths:
            engine.load(Path(path), mapping, threshold)
        return engine.compute(rules, factors, activity, tables)
    finally:
        engine.close()
