"""Classification of the cube in SQL: the winning rule, its category, factor and tonnes per cell.

Each kind of rule is matched once per *distinct* value (accounts, organisation numbers,
supplier names, texts), not per cell or line; the best rank of each kind is then joined back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from klimatkontrakt.calc import footprint as calc
from klimatkontrakt.footprint.cube import KEY
from klimatkontrakt.sources.activity import ActivityRecord
from klimatkontrakt.sources.factors import ConversionTables, FactorSet
from klimatkontrakt.sources.ledger.clean import sql_str
from klimatkontrakt.sources.rules import EXCLUDE, INTERNAL_RULE_NOTE, Rule

INTERNAL_RULE = Rule(0, "supplier_id", "=köparen", EXCLUDE, 100, INTERNAL_RULE_NOTE)


def _values(
    name: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]
) -> tuple[str, list[Any]]:
    """A CTE of rows bound as one list per column: no table of its own, and binding a few
    lists is much cheaper than binding every value (or inserting row by row)."""
    unnest = ", ".join(f"unnest(CAST(? AS {typ}[])) AS {n}" for n, typ in columns)
    params = [[row[i] for row in rows] for i in range(len(columns))]
    return f"{name} AS (SELECT {unnest})", params


def _factor_rows(
    con: duckdb.DuckDBPyConnection, factors: FactorSet, tables: ConversionTables
) -> list[tuple[Any, ...]]:
    years = [int(r[0]) for r in con.execute("SELECT DISTINCT year FROM cube").fetchall()]
    rows = []
    for category, factor in factors.spend().items():
        low, _, high = calc.factor_range(factor.value, factor.low, factor.high, factor.quality)
        for year in years:
            conv = calc.factor_per_sek(
                factor.value,
                factor.currency or "SEK",
                factor.year,
                year,
                tables.price_index,
                tables.sek_per,
            )
            m = conv.multiplier
            rows.append((category, year, conv.kg_per_sek, low * m, high * m, conv.note()))
    return rows


def classify(
    con: duckdb.DuckDBPyConnection,
    rules: Sequence[Rule],
    factors: FactorSet,
    activity: Sequence[ActivityRecord],
    tables: ConversionTables,
) -> None:
    """Build table ``classified``: the cube with rule, category, factor and kg per cell."""
    currencies = con.execute("SELECT DISTINCT currency, year FROM cube").fetchall()
    lookups = [
        _values(
            "rules",
            [
                ("id", "INTEGER"),
                ("field", "VARCHAR"),
                ("pattern", "VARCHAR"),
                ("category", "VARCHAR"),
                ("rank", "HUGEINT"),
            ],
            [(r.id, r.field, r.pattern, r.category, r.rank) for r in [INTERNAL_RULE, *rules]],
        ),
        _values(
            "factor_sek",
            [
                ("category", "VARCHAR"),
                ("year", "INTEGER"),
                ("kg_per_sek", "DOUBLE"),
                ("kg_low", "DOUBLE"),
                ("kg_high", "DOUBLE"),
                ("conversion", "VARCHAR"),
            ],
            _factor_rows(con, factors, tables),
        ),
        _values(
            "fx",
            [("currency", "VARCHAR"), ("year", "INTEGER"), ("rate", "DOUBLE")],
            [(c, y, calc.to_sek(1.0, c, y, tables.sek_per)) for c, y in currencies],
        ),
        _values(
            "activity_spend",
            [
                ("id", "INTEGER"),
                ("year", "INTEGER"),
                ("department", "VARCHAR"),
                ("category", "VARCHAR"),
                ("account", "VARCHAR"),
                ("supplier_id", "VARCHAR"),
            ],
            [
                (
                    a.id,
                    a.year,
                    a.department,
                    a.replaces_category,
                    a.replaces_account,
                    a.replaces_supplier_id,
                )
                for a in activity
                if a.replaces_spend
            ],
        ),
    ]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE classified AS WITH "
        + ", ".join(sql for sql, _ in lookups)
        + ", "
        + _best_rank_ctes(rules)
        + ", ranked AS (SELECT c.*, greatest(coalesce(ra.rank, -1), coalesce(rs.rank, -1),"
        " coalesce(rn.rank, -1), coalesce(rt.rank, -1),"
        f" CASE WHEN c.supplier_id <> '' AND c.supplier_id = c.buyer_id THEN {INTERNAL_RULE.rank}"
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
        " LEFT JOIN factor_sek f USING (category, year)",
        [value for _, params in lookups for value in params],
    )


def _first_match(value: str, rules: Sequence[Rule]) -> str:
    """The highest rank among ``rules`` whose regular expression matches ``value``.

    Patterns are literals, so DuckDB compiles each once per query (a pattern taken from a
    column is compiled again for every row it meets).
    """
    ordered = sorted(rules, key=lambda r: r.rank, reverse=True)
    if not ordered:
        return "CAST(NULL AS HUGEINT)"
    whens = " ".join(
        f"WHEN regexp_matches({value}, {sql_str(r.pattern)}, 'i') THEN {r.rank}" for r in ordered
    )
    return f"CASE {whens} END"


def _best_rank_ctes(rules: Sequence[Rule]) -> str:
    """Best rank of each kind of rule per distinct account, org number, name and text."""
    names = [r for r in rules if r.field == "supplier_name"]
    texts = [r for r in rules if r.field == "text"]
    text = _first_match("account_text || ' ' || text", texts)
    return (
        "acc_best AS (SELECT a.account, max(r.rank) AS rank"
        " FROM (SELECT DISTINCT account FROM cube) a JOIN rules r ON r.field = 'account'"
        " AND starts_with(a.account, r.pattern) GROUP BY 1),"
        " sid_best AS (SELECT s.supplier_id, max(r.rank) AS rank"
        " FROM (SELECT DISTINCT supplier_id FROM cube) s JOIN rules r ON r.id > 0 AND"
        " r.field = 'supplier_id' AND s.supplier_id = r.pattern GROUP BY 1),"
        f" name_best AS (SELECT supplier_name, {_first_match('supplier_name', names)} AS rank"
        " FROM (SELECT DISTINCT supplier_name FROM cube)),"
        " text_best AS (SELECT account_text, text,"
        f" {text} AS rank"
        " FROM (SELECT DISTINCT account_text, text FROM cube))"
    )
