"""Figures from a classified cube: the one place every total, list and chart comes from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from klimatkontrakt.calc import footprint as calc
from klimatkontrakt.sources.activity import ActivityRecord
from klimatkontrakt.sources.factors import FactorSet
from klimatkontrakt.sources.rules import Rule, ordered

if TYPE_CHECKING:
    from klimatkontrakt.footprint.engine import Engine

TOP = 20


def _r(value: Any, digits: int = 6) -> float:
    return round(float(value or 0.0), digits)


def activity_emissions(
    activity: Sequence[ActivityRecord], factors: FactorSet
) -> list[dict[str, Any]]:
    """Tonnes, range, energy and fossil share per activity record."""
    from klimatkontrakt.footprint.engine import WHOLE_ORGANISATION

    by_category = factors.activity()
    out = []
    for rec in activity:
        factor = by_category.get(rec.activity)
        row: dict[str, Any] = {
            "id": rec.id,
            "year": rec.year,
            "department": rec.department or WHOLE_ORGANISATION,
            "activity": rec.activity,
            "quantity": rec.quantity,
            "unit": rec.unit,
            "replaces": {
                "category": rec.replaces_category,
                "account": rec.replaces_account,
                "supplier_id": rec.replaces_supplier_id,
            },
            "source": rec.source,
        }
        if factor is None:
            row.update(status="no_factor", t=0.0, t_low=0.0, t_high=0.0, kwh=None)
            out.append(row)
            continue
        try:
            quantity = calc.convert_quantity(rec.quantity, rec.unit, factor.unit)
        except calc.ConversionError as exc:
            row.update(status="bad_unit", t=0.0, t_low=0.0, t_high=0.0, kwh=None, error=str(exc))
            out.append(row)
            continue
        low, central, high = calc.factor_range(
            factor.value, factor.low, factor.high, factor.quality
        )
        per_kwh = factor.kwh_per_unit or (1.0 if factor.unit == "kWh" else None)
        row.update(
            status="ok",
            t=quantity * central / 1000,
            t_low=quantity * low / 1000,
            t_high=quantity * high / 1000,
            kwh=quantity * per_kwh if per_kwh else None,
            fossil_share=factor.fossil_share,
            factor={
                "value": factor.value,
                "unit": f"kg CO2e/{factor.unit}",
                "source": factor.source,
                "licence": factor.licence,
            },
        )
        out.append(row)
    return out


def _rows(engine: Engine, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return engine.con.execute(sql, list(params)).fetchall()


def summarise(
    engine: Engine,
    rules: Sequence[Rule],
    factors: FactorSet,
    activity: Sequence[ActivityRecord],
) -> dict[str, Any]:
    status = {
        r[0]: {
            "sek": float(r[1] or 0),
            "kg": float(r[2] or 0),
            "lo": float(r[3] or 0),
            "hi": float(r[4] or 0),
            "n": int(r[5] or 0),
        }
        for r in _rows(
            engine,
            "SELECT status, sum(amount_sek), sum(kg), sum(kg_low), sum(kg_high), sum(n)"
            " FROM classified GROUP BY status",
        )
    }

    def s(key: str, field: str) -> float:
        return status.get(key, {}).get(field, 0.0)

    acts = activity_emissions(activity, factors)
    ok_acts = [a for a in acts if a["status"] == "ok"]
    activity_t = sum(a["t"] for a in ok_acts)
    spend_sek = sum(v["sek"] for v in status.values())
    excluded = s("excluded", "sek")
    unclassified = s("unclassified", "sek")
    overlap = calc.remove_overlap(
        s("spend", "kg") / 1000 + s("replaced", "kg") / 1000,
        s("replaced", "kg") / 1000,
        activity_t,
    )
    total_t = overlap.total_t
    total_low = s("spend", "lo") / 1000 + sum(a["t_low"] for a in ok_acts)
    total_high = s("spend", "hi") / 1000 + sum(a["t_high"] for a in ok_acts)

    by_category: dict[str, dict[str, Any]] = {}
    for cat, sek, kg, rep_sek, rep_kg, no_factor in _rows(
        engine,
        "SELECT category, sum(amount_sek), sum(kg) FILTER (WHERE status = 'spend'),"
        " coalesce(sum(amount_sek) FILTER (WHERE status = 'replaced'), 0),"
        " coalesce(sum(kg) FILTER (WHERE status = 'replaced'), 0),"
        " bool_or(status = 'no_factor')"
        " FROM classified WHERE status IN ('spend', 'replaced', 'no_factor')"
        " GROUP BY category ORDER BY 3 DESC NULLS LAST",
    ):
        by_category[cat] = {
            "spend_sek": _r(sek, 2),
            "t": _r(kg / 1000 if kg else 0),
            "basis": "spend",
            "replaced_sek": _r(rep_sek, 2),
            "replaced_t": _r(rep_kg / 1000),
            "has_factor": not no_factor,
        }
    for a in ok_acts:
        entry = by_category.setdefault(
            a["activity"],
            {
                "spend_sek": 0.0,
                "t": 0.0,
                "basis": "activity",
                "replaced_sek": 0.0,
                "replaced_t": 0.0,
                "has_factor": True,
            },
        )
        entry["t"] = _r(entry["t"] + a["t"])
        if entry["basis"] == "spend":
            entry["basis"] = "spend+activity"

    def grouped(column: str) -> dict[Any, dict[str, float]]:
        out: dict[Any, dict[str, float]] = {}
        for key, sek, kg in _rows(
            engine,
            f"SELECT {column}, sum(amount_sek) FILTER (WHERE status <> 'excluded'),"
            " coalesce(sum(kg) FILTER (WHERE status = 'spend'), 0)"
            f" FROM classified GROUP BY 1 ORDER BY 3 DESC",
        ):
            out[key] = {"spend_sek": _r(sek, 2), "t": _r(kg / 1000)}
        return out

    by_department = grouped("department")
    by_year = grouped("year")
    for a in ok_acts:
        dep = by_department.setdefault(a["department"], {"spend_sek": 0.0, "t": 0.0})
        dep["t"] = _r(dep["t"] + a["t"])
        yr = by_year.setdefault(a["year"], {"spend_sek": 0.0, "t": 0.0})
        yr["t"] = _r(yr["t"] + a["t"])
    by_department = dict(sorted(by_department.items(), key=lambda kv: -kv[1]["t"]))
    by_year = dict(sorted(by_year.items()))

    suppliers = [
        {"supplier_id": sid, "supplier_name": name, "spend_sek": _r(sek, 2), "t": _r(kg / 1000)}
        for sid, name, sek, kg in _rows(
            engine,
            "SELECT supplier_id, supplier_name, sum(amount_sek), sum(kg) FROM classified"
            " WHERE status = 'spend' GROUP BY 1, 2 ORDER BY 4 DESC LIMIT ?",
            [TOP],
        )
    ]
    unclassified_accounts = [
        {"account": acc, "account_text": text, "spend_sek": _r(sek, 2), "lines": int(n)}
        for acc, text, sek, n in _rows(
            engine,
            "SELECT account, any_value(account_text), sum(amount_sek), sum(n) FROM classified"
            " WHERE status = 'unclassified' GROUP BY 1 ORDER BY abs(sum(amount_sek)) DESC"
            " LIMIT ?",
            [TOP],
        )
    ]
    usage = {
        int(rid): (int(n), float(sek or 0), float(kg or 0))
        for rid, n, sek, kg in _rows(
            engine,
            "SELECT rule_id, sum(n), sum(amount_sek), sum(kg) FILTER (WHERE status = 'spend')"
            " FROM classified WHERE rule_id IS NOT NULL GROUP BY 1",
        )
    }
    from klimatkontrakt.footprint.engine import INTERNAL_RULE

    rule_rows = []
    for rule in ordered([INTERNAL_RULE, *rules]):
        n, sek, kg = usage.get(rule.id, (0, 0.0, 0.0))
        rule_rows.append(
            {
                "id": rule.id,
                "field": rule.field,
                "pattern": rule.pattern,
                "category": rule.category,
                "priority": rule.priority,
                "note": rule.note,
                "lines": n,
                "spend_sek": _r(sek, 2),
                "t": _r(kg / 1000),
            }
        )
    used = set(by_category)
    factor_rows = [
        {
            "category": f.category,
            "value": f.value,
            "unit": f"kg CO2e/{f.unit}",
            "year": f.year,
            "currency": f.currency or "",
            "quality": f.quality,
            "source": f.source,
            "licence": f.licence,
        }
        for f in factors.factors.values()
        if f.category in used
    ]
    years_t = {int(y): v["t"] for y, v in by_year.items()}
    fossil = calc.fossil_share(
        (a["kwh"], a["fossil_share"])
        for a in ok_acts
        if a["kwh"] is not None and a["fossil_share"] is not None
    )
    purchases = spend_sek - excluded
    lines = sum(f.lines for f in engine.files if f.status == "accepted")
    rejected = sum(
        f.bad_count if f.status == "accepted" else f.lines + f.bad_count
        for f in engine.files
        if f.status != "duplicate"
    )
    return {
        "lines": lines,
        "lines_rejected": rejected,
        "spend_sek": _r(spend_sek, 2),
        "excluded_sek": _r(excluded, 2),
        "unclassified_sek": _r(unclassified, 2),
        "no_factor_sek": _r(s("no_factor", "sek"), 2),
        "coverage_pct": _r(calc.coverage_pct(purchases, unclassified), 2),
        "total_t": _r(total_t),
        "range_t": {"low": _r(total_low), "central": _r(total_t), "high": _r(total_high)},
        "spend_based_t": _r(s("spend", "kg") / 1000),
        "activity_t": _r(activity_t),
        "overlap": {
            "spend_sek": _r(s("replaced", "sek"), 2),
            "t": _r(overlap.replaced_t),
            "lines": int(s("replaced", "n")),
        },
        "fossil_share_pct": None if fossil is None else _r(100 * fossil, 2),
        "by_category": by_category,
        "by_department": by_department,
        "by_year": {str(k): v for k, v in by_year.items()},
        "top_suppliers": suppliers,
        "year_on_year": {str(k): v for k, v in calc.year_on_year(years_t).items()},
        "bau_t": {str(k): _r(v) for k, v in calc.bau_trend(years_t).items()},
        "unclassified_accounts": unclassified_accounts,
        "activity": acts,
        "rules": rule_rows,
        "factors": factor_rows,
        "files": [f.as_dict() for f in engine.files],
    }


def breakdown(engine: Engine, limit: int | None = None) -> list[dict[str, Any]]:
    """Tonnes and spend per year x department x category x supplier (spend-based cells)."""
    sql = (
        "SELECT year, department, category, supplier_id, supplier_name, sum(amount_sek),"
        " sum(kg) / 1000, sum(n) FROM classified WHERE status = 'spend'"
        " GROUP BY ALL ORDER BY 7 DESC"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [
        {
            "year": y,
            "department": d,
            "category": c,
            "supplier_id": si,
            "supplier_name": sn,
            "spend_sek": _r(sek, 2),
            "t": _r(t),
            "lines": int(n),
        }
        for y, d, c, si, sn, sek, t, n in _rows(engine, sql)
    ]


def spend_by_year_department_category(engine: Engine) -> dict[tuple[int, str, str], float]:
    """Every (year, department, category) cell's classified spend in SEK: the lines
    ``by_category`` in ``summarise`` counts (spend-based, replaced by activity data, or without a
    factor), so the cells add up to its ``spend_sek`` per category."""
    return {
        (int(year), department, category): _r(sek, 2)
        for year, department, category, sek in _rows(
            engine,
            "SELECT year, department, category, sum(amount_sek) FROM classified"
            " WHERE status IN ('spend', 'replaced', 'no_factor') GROUP BY ALL",
        )
    }


def tonnes_by_year_department_category(
    engine: Engine, activity: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every (year, department, category) cell's tonnes, unlimited: spend-based lines plus the
    activity records that replace spend (``activity_emissions`` rows), the same terms as
    ``by_year``, ``by_department`` and ``by_category`` in ``summarise``, so the cells add up
    to each of them."""
    cells: dict[tuple[int, str, str], float] = {}
    for year, department, category, t in _rows(
        engine,
        "SELECT year, department, category, sum(kg) / 1000 FROM classified"
        " WHERE status = 'spend' GROUP BY ALL",
    ):
        cells[(int(year), department, category)] = float(t or 0.0)
    for a in activity:
        if a["status"] != "ok":
            continue
        key = (int(a["year"]), a["department"], a["activity"])
        cells[key] = cells.get(key, 0.0) + a["t"]
    return [
        {"year": y, "department": d, "category": c, "t": _r(t)}
        for (y, d, c), t in sorted(cells.items())
    ]
