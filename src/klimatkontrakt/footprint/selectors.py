"""Reads of the footprint app: who sees which ledger, and the figures (page, API and export)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, QuerySet

from klimatkontrakt.footprint import engine as engine_mod
from klimatkontrakt.footprint import storage as ledger_storage
from klimatkontrakt.footprint.labels import rule_description
from klimatkontrakt.footprint.models import ActivityRecord, Ledger
from klimatkontrakt.footprint.results import breakdown as cube_breakdown
from klimatkontrakt.organisations.access import published_or_included
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources import activity as activity_io
from klimatkontrakt.sources import factors as factors_io
from klimatkontrakt.sources import rules as rules_io

_CACHE: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_CACHE_SIZE = 16


def visible_ledgers(user: Any, municipality: Municipality) -> QuerySet[Ledger]:
    """Members see every ledger of their municipality; everyone else only published ones."""
    ledgers = Ledger.objects.filter(municipality=municipality).filter(
        published_or_included(user, municipality, "published")
    )
    return ledgers.order_by("-updated", "-pk")


def current_ledger(user: Any, municipality: Municipality, pk: int | None = None) -> Ledger | None:
    ledgers = visible_ledgers(user, municipality)
    if pk is not None:
        return ledgers.filter(pk=pk).first()
    return ledgers.first()


def rules_for(ledger: Ledger) -> list[rules_io.Rule]:
    if ledger.rule_set is None:
        return rules_io.default_rules()
    return [
        rules_io.Rule(r.position, r.field, r.pattern, r.category, r.priority, r.note)
        for r in ledger.rule_set.rules.all()
    ]


def factors_for(ledger: Ledger) -> factors_io.FactorSet:
    if ledger.factor_set is None:
        return factors_io.default_factors()
    return factors_io.FactorSet(
        {
            f.category: factors_io.EmissionFactor(
                category=f.category,
                value=f.value,
                unit=f.unit,
                year=f.year,
                currency=f.currency or None,
                source=f.source,
                licence=f.licence,
                price_basis=f.price_basis,
                quality=f.quality,
                low=f.low,
                high=f.high,
                fossil_share=f.fossil_share,
                kwh_per_unit=f.kwh_per_unit,
            )
            for f in ledger.factor_set.factors.all()
        },
        name=ledger.factor_set.name,
    )


def ledger_years(ledger: Ledger) -> set[int]:
    """The years the ledger's stored lines hold."""
    with ledger_storage.Reader() as reader:
        return engine_mod.ledger_years(
            [reader.location(item.parquet) for item in ledger.imports.all()], reader.filesystem
        )


def activity_records(ledger: Ledger) -> QuerySet[ActivityRecord]:
    """The measured data combined with this ledger: its municipality's, of the ledger's
    organisational scope, for the years its lines hold (never another scope's or year's)."""
    return ActivityRecord.objects.filter(
        municipality=ledger.municipality, scope=ledger.scope, year__in=ledger_years(ledger)
    ).order_by("pk")


def activity_for(ledger: Ledger) -> list[activity_io.ActivityRecord]:
    return [
        activity_io.ActivityRecord(
            id=a.pk,
            year=a.year,
            activity=a.activity,
            quantity=a.quantity,
            unit=a.unit,
            department=a.department,
            replaces_category=a.replaces_category,
            replaces_account=a.replaces_account,
            replaces_supplier_id=a.replaces_supplier_id,
            source=a.source,
            note=a.note,
        )
        for a in activity_records(ledger)
    ]


def activity_groups(municipality: Municipality) -> list[dict[str, Any]]:
    """The municipality's activity data by scope and year: what an editor can remove."""
    groups = (
        ActivityRecord.objects.filter(municipality=municipality)
        .values("scope", "year")
        .annotate(records=Count("pk"))
        .order_by("scope", "year")
    )
    return [dict(g) for g in groups]


def scopes(municipality: Municipality) -> list[str]:
    """The organisational scopes of the municipality's ledgers and activity data."""
    names = set(Ledger.objects.filter(municipality=municipality).values_list("scope", flat=True))
    names |= set(
        ActivityRecord.objects.filter(municipality=municipality).values_list("scope", flat=True)
    )
    return sorted(names)


def _fingerprint(ledger: Ledger) -> tuple[Any, ...]:
    imports = tuple(ledger.imports.values_list("pk", flat=True))
    activity = ActivityRecord.objects.filter(
        municipality=ledger.municipality, scope=ledger.scope
    ).aggregate(n=Count("pk"), last=Max("pk"))
    return (
        ledger.pk,
        ledger.scope,
        imports,
        ledger.rule_set.updated if ledger.rule_set else None,
        ledger.factor_set.updated if ledger.factor_set else None,
        activity["n"],
        activity["last"],
    )


@contextmanager
def classified(ledger: Ledger) -> Iterator[engine_mod.Engine]:
    """An engine holding the ledger's stored lines, classified with its rules and factors."""
    reader = ledger_storage.Reader()
    eng = engine_mod.Engine(filesystem=reader.filesystem)
    try:
        for item in ledger.imports.all():
            eng.load_parquet(reader.location(item.parquet), item.filename, item.sha256)
        eng.classify(
            rules_for(ledger),
            factors_for(ledger),
            activity_for(ledger),
            factors_io.default_tables(),
        )
        yield eng
    finally:
        eng.close()
        reader.close()


def footprint(ledger: Ledger) -> dict[str, Any]:
    """The whole result (same dict as the one-shot command), cached while inputs are unchanged."""
    key = _fingerprint(ledger)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    from klimatkontrakt.footprint.results import summarise

    with classified(ledger) as eng:
        result = summarise(eng, rules_for(ledger), factors_for(ledger), activity_for(ledger))
        result["breakdown"] = cube_breakdown(eng, limit=500)
    for item, file in zip(ledger.imports.all(), result["files"], strict=False):
        file["skipped"] = item.skipped
        file["bad_rows"] = len(item.skipped)
    result["lines_rejected"] = sum(len(item.skipped) for item in ledger.imports.all())
    _CACHE[key] = result
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def tonnes_by_cell(ledger: Ledger) -> list[dict[str, Any]]:
    """Tonnes per year x department x category, every cell (the breakdown in ``footprint`` is
    cut to its largest rows); cached while inputs are unchanged."""
    from klimatkontrakt.footprint.results import (
        activity_emissions,
        tonnes_by_year_department_category,
    )

    key = ("cells", *_fingerprint(ledger))
    if key not in _CACHE:
        acts = activity_emissions(activity_for(ledger), factors_for(ledger))
        with classified(ledger) as eng:
            _CACHE[key] = {"cells": tonnes_by_year_department_category(eng, acts)}
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    return list(_CACHE[key]["cells"])


def cells(ledger: Ledger) -> list[dict[str, Any]]:
    """Spend (SEK) and tonnes per year x department x category, every cell: the tonnes of
    ``tonnes_by_cell`` and the classified spend of ``by_category`` on the page, so summed over
    years and departments they give the page's figures per category. Sums only, never lines
    or suppliers (the open data file)."""
    from klimatkontrakt.footprint.results import spend_by_year_department_category

    key = ("spend", *_fingerprint(ledger))
    if key not in _CACHE:
        with classified(ledger) as eng:
            _CACHE[key] = {"spend": spend_by_year_department_category(eng)}
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    spend: dict[tuple[int, str, str], float] = _CACHE[key]["spend"]
    tonnes = {(c["year"], c["department"], c["category"]): c["t"] for c in tonnes_by_cell(ledger)}
    return [
        {
            "year": y,
            "department": d,
            "category": c,
            "spend_sek": spend.get((y, d, c)),
            "t": tonnes.get((y, d, c)),
        }
        for y, d, c in sorted(set(spend) | set(tonnes))
    ]


@dataclass(frozen=True)
class YearFootprint:
    """A ledger's footprint in one year, and the department with the most tonnes that year."""

    year: int
    total_t: float
    department: str
    department_t: float


def latest_complete_year(ledger: Ledger, until: int | None = None) -> YearFootprint | None:
    """The footprint of the latest year the ledger holds that has ended (and is not after
    `until`): one named year, never a sum over years. None when there is no such year."""
    result = footprint(ledger)
    complete = date.today().year - 1 if until is None else min(until, date.today().year - 1)
    years = [int(y) for y in result["by_year"] if int(y) <= complete]
    if not years:
        return None
    year = max(years)
    departments: dict[str, float] = {}
    for cell in tonnes_by_cell(ledger):
        if cell["year"] == year:
            departments[cell["department"]] = departments.get(cell["department"], 0.0) + cell["t"]
    name, tonnes = max(departments.items(), key=lambda kv: kv[1], default=("", 0.0))
    return YearFootprint(year, float(result["by_year"][str(year)]["t"]), name, tonnes)


LINE_FILTERS = engine_mod.LINE_FILTERS


def invoice_lines(
    ledger: Ledger, filters: dict[str, Any], limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Drill-down: the invoice lines behind a figure, with rule and factor applied."""
    clean = {k: v for k, v in filters.items() if k in LINE_FILTERS and v not in (None, "")}
    if "year" in clean:
        clean["year"] = int(clean["year"])
    rules = {r.id: r for r in rules_for(ledger)}
    rules[0] = engine_mod.INTERNAL_RULE
    with classified(ledger) as eng:
        rows = eng.lines(clean, limit=limit, offset=offset)
    for row in rows:
        rule = rules.get(row["rule_id"]) if row["rule_id"] is not None else None
        row["rule"] = rule.describe() if rule else ""
        row["rule_text"] = rule_description(rule) if rule else ""
        row["rule_note"] = rule.note if rule else ""
        row["kg"] = (row["t"] or 0.0) * 1000
    return rows
