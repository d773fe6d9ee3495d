"""Every write of the footprint app. Imports are all or nothing: a refused file changes nothing."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from klimatkontrakt.audit import context as audit
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.footprint import engine
from klimatkontrakt.footprint import storage as ledger_storage
from klimatkontrakt.footprint.models import (
    DEFAULT_SCOPE,
    ActivityRecord,
    ColumnMapping,
    EmissionFactor,
    FactorSet,
    Ledger,
    LedgerImport,
    Rule,
    RuleSet,
)
from klimatkontrakt.imports import imported_before, record_import
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources import activity as activity_io
from klimatkontrakt.sources import factors as factors_io
from klimatkontrakt.sources import ledger as ledger_io
from klimatkontrakt.sources import rules as rules_io

DEFAULT_RULES = "Standardregler (Kommun-Bas, projektets)"
DEFAULT_FACTORS = "Standardfaktorer (projektets, se källa per faktor)"


class ImportRefused(Exception):
    """Nothing was imported; ``reports`` says, per file, why."""

    def __init__(self, reports: Sequence[engine.FileReport]):
        self.reports = list(reports)
        super().__init__(
            "; ".join(
                f"{r.name}: {r.message or r.status}" for r in reports if r.status == "refused"
            )
        )


@dataclass
class LedgerImportResult:
    ledger: Ledger
    imported: list[LedgerImport] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    reports: list[engine.FileReport] = field(default_factory=list)


def ensure_ledger(municipality: Municipality, name: str, **defaults: Any) -> Ledger:
    ledger, _ = Ledger.objects.get_or_create(
        municipality=municipality, name=name, defaults=defaults
    )
    return ledger


def import_ledger(
    user: Any,
    municipality: Municipality,
    files: Sequence[tuple[str, Path]],
    *,
    ledger_name: str = "Leverantörsreskontra",
    scope: str = "",
    mapping: ledger_io.ColumnMapping | None = None,
    threshold: float = ledger_io.DEFAULT_BAD_ROW_THRESHOLD,
    progress: Callable[[str, int, int], None] | None = None,
) -> LedgerImportResult:
    """Check every file, then store all of them or none (``ImportRefused``): a refused import
    leaves no ledger, record or file behind.

    ``progress(stage, rows_read, files_done)``, when given, hears "reading" before and after each
    file is checked and "storing" before the lines are stored (the background import's progress).

    A file whose content hash the ledger already holds is reported as a duplicate and skipped.
    A new ledger gets `scope` as its organisational scope, or its own name: a test file never
    meets another ledger's measured energy and fuel data unless its scope is named.
    """
    # Parts of imports.import_file only: many files per call, lines stored as Parquet on disk.
    require_edit(user, municipality)
    existing = Ledger.objects.filter(municipality=municipality, name=ledger_name).first()
    ledger = existing or Ledger(
        municipality=municipality, name=ledger_name, scope=scope.strip() or ledger_name
    )
    # Files are checked in a local staging folder, then stored through the ledger storage.
    staging = Path(settings.LEDGER_DIR)
    staging.mkdir(parents=True, exist_ok=True)
    result = LedgerImportResult(ledger)
    staged: list[tuple[engine.FileReport, Path]] = []
    with tempfile.TemporaryDirectory(dir=staging, prefix=".import-") as tmp:
        seen: set[str] = set()
        for name, path in files:
            digest = ledger_io.content_hash(Path(path))
            if digest in seen or (
                existing is not None and imported_before(LedgerImport, {"ledger": existing}, digest)
            ):
                result.duplicates.append(name)
                result.reports.append(engine.FileReport(name, digest, "duplicate"))
                continue
            seen.add(digest)
            if progress is not None:
                progress("reading", sum(r.lines for r, _out in staged), len(result.reports))
            out = Path(tmp) / f"{digest}.parquet"
            report = engine.write_parquet(
                Path(path), out, mapping, threshold, name=name, digest=digest
            )
            result.reports.append(report)
            staged.append((report, out))
            if progress is not None:
                progress("reading", sum(r.lines for r, _out in staged), len(result.reports))
        if any(r.status == "refused" for r in result.reports):
            raise ImportRefused(result.reports)
        if progress is not None:
            progress("storing", sum(r.lines for r, _out in staged), len(result.reports))
        stored: list[str] = []
        try:
            with transaction.atomic():
                ledger.save()
                for report, out in staged:
                    name = ledger_storage.save(
                        ledger_storage.name_for(municipality.code, report.content_hash), out
                    )
                    stored.append(name)
                    imported = record_import(
                        LedgerImport,
                        {"ledger": ledger},
                        user,
                        filename=report.name,
                        sha256=report.content_hash,
                        rows=report.lines,
                        parquet=name,
                        skipped=[b.message() for b in report.bad_rows],
                        encoding=report.encoding,
                        delimiter=report.delimiter,
                    )
                    result.imported.append(imported)
        except Exception:
            for name in stored:
                ledger_storage.delete(name)
            raise
    return result


def _import_summary(item: LedgerImport) -> dict[str, Any]:
    return {"file": item.filename, "rows": item.rows, "ledger": item.ledger.name}


def delete_import(user: Any, item: LedgerImport) -> None:
    """Undo a ledger import: its record, its stored lines and, when it was the ledger's last
    file, the ledger it brought (unless an investment plan or report still refers to it)."""
    ledger = item.ledger
    require_edit(user, ledger.municipality)
    name = item.parquet
    with transaction.atomic():
        log_change(
            user,
            ledger.municipality,
            ChangeLogEntry.Action.IMPORT_DELETED,
            item,
            label=f"{ledger.name}: {item.filename}",
            before=_import_summary(item),
        )
        with audit.quiet():  # the entry above is the undo's one entry
            item.delete()
            if not ledger.imports.exists():
                try:
                    with transaction.atomic():
                        ledger.delete()
                except ProtectedError:
                    ledger.save(update_fields=["updated"])
            else:
                ledger.save(update_fields=["updated"])
    ledger_storage.delete(name)


def set_published(user: Any, ledger: Ledger, published: bool) -> Ledger:
    require_edit(user, ledger.municipality)
    ledger.published = published
    ledger.save(update_fields=["published", "updated"])
    return ledger


def set_include_in_report(user: Any, ledger: Ledger, include: bool) -> Ledger:
    """Let a draft follow-up report use the ledger before it is published (or stop it)."""
    require_edit(user, ledger.municipality)
    ledger.include_in_report = include
    ledger.save(update_fields=["include_in_report", "updated"])
    return ledger


def save_column_mapping(
    user: Any, municipality: Municipality, name: str, mapping: ledger_io.ColumnMapping
) -> ColumnMapping:
    require_edit(user, municipality)
    obj, _ = ColumnMapping.objects.update_or_create(
        municipality=municipality, name=name, defaults={"mapping": mapping.to_dict()}
    )
    return obj


@transaction.atomic
def store_rule_set(
    municipality: Municipality | None, name: str, rules: Sequence[rules_io.Rule]
) -> RuleSet:
    rule_set, _ = RuleSet.objects.get_or_create(municipality=municipality, name=name)
    rule_set.rules.all().delete()
    Rule.objects.bulk_create(
        Rule(
            rule_set=rule_set,
            position=r.id,
            field=r.field,
            pattern=r.pattern,
            category=r.category,
            priority=r.priority,
            note=r.note,
        )
        for r in rules
    )
    rule_set.save(update_fields=["updated"])
    return rule_set


@transaction.atomic
def store_factor_set(
    municipality: Municipality | None, name: str, factors: factors_io.FactorSet
) -> FactorSet:
    factor_set, _ = FactorSet.objects.get_or_create(municipality=municipality, name=name)
    factor_set.factors.all().delete()
    EmissionFactor.objects.bulk_create(
        EmissionFactor(
            factor_set=factor_set,
            category=f.category,
            value=f.value,
            unit=f.unit,
            year=f.year,
            currency=f.currency or "",
            price_basis=f.price_basis,
            quality=f.quality,
            low=f.low,
            high=f.high,
            fossil_share=f.fossil_share,
            kwh_per_unit=f.kwh_per_unit,
            source=f.source,
            licence=f.licence,
        )
        for f in factors.factors.values()
    )
    factor_set.save(update_fields=["updated"])
    return factor_set


def import_rules(user: Any, municipality: Municipality, name: str, path: Path) -> RuleSet:
    """Read a rules CSV (all rows checked first) and make it the ledgers' rule set."""
    require_edit(user, municipality)
    rules = rules_io.read_rules(Path(path))
    with transaction.atomic():
        with audit.quiet():
            rule_set = store_rule_set(municipality, name, rules)
        Ledger.objects.filter(municipality=municipality).update(rule_set=rule_set)
        log_change(
            user,
            municipality,
            ChangeLogEntry.Action.IMPORTED,
            rule_set,
            after={"filename": Path(path).name, "rules": len(rules)},
        )
    return rule_set


def import_factors(user: Any, municipality: Municipality, name: str, path: Path) -> FactorSet:
    """Read a factor CSV; its factors override the defaults category by category."""
    require_edit(user, municipality)
    own = factors_io.read_factors(Path(path))
    merged = factors_io.default_factors().merged(own)
    with transaction.atomic():
        with audit.quiet():
            factor_set = store_factor_set(municipality, name, merged)
        Ledger.objects.filter(municipality=municipality).update(factor_set=factor_set)
        log_change(
            user,
            municipality,
            ChangeLogEntry.Action.IMPORTED,
            factor_set,
            after={"filename": Path(path).name, "factors": len(own.factors)},
        )
    return factor_set


def import_activity(
    user: Any,
    municipality: Municipality,
    path: Path,
    *,
    scope: str = DEFAULT_SCOPE,
    replace_years: bool = True,
) -> list[ActivityRecord]:
    """Read an activity CSV into an organisational scope; with ``replace_years`` the years it
    covers are replaced whole within that scope."""
    require_edit(user, municipality)
    scope = scope.strip() or DEFAULT_SCOPE
    records = activity_io.read_activity(Path(path))
    with transaction.atomic():
        if replace_years:
            years = {r.year for r in records}
            ActivityRecord.objects.filter(
                municipality=municipality, scope=scope, year__in=years
            ).delete()
        stored = ActivityRecord.objects.bulk_create(
            ActivityRecord(
                municipality=municipality,
                scope=scope,
                year=r.year,
                department=r.department,
                activity=r.activity,
                quantity=r.quantity,
                unit=r.unit,
                replaces_category=r.replaces_category,
                replaces_account=r.replaces_account,
                replaces_supplier_id=r.replaces_supplier_id,
                source=r.source,
                note=r.note,
            )
            for r in records
        )
        if stored and stored[0].pk is not None:
            log_change(
                user,
                municipality,
                ChangeLogEntry.Action.IMPORTED,
                stored[0],
                label=f"{scope}: {Path(path).name}",
                after={"filename": Path(path).name, "scope": scope, "records": len(stored)},
            )
        return stored


def delete_activity(user: Any, municipality: Municipality, scope: str, year: int) -> int:
    """Remove the activity data of one scope and year (what one import of that year brought)."""
    require_edit(user, municipality)
    records = ActivityRecord.objects.filter(municipality=municipality, scope=scope, year=year)
    with transaction.atomic():
        count = records.count()
        first = records.order_by("pk").first()
        if first is not None:
            log_change(
                user,
                municipality,
                ChangeLogEntry.Action.DELETED,
                first,
                label=f"{scope} {year}",
                before={"scope": scope, "year": year, "records": count},
            )
        records.delete()
    return count


def _own_set(user: Any, obj: RuleSet | FactorSet) -> Municipality:
    if obj.municipality is None:
        raise PermissionDenied(_("The shipped rules and factors cannot be removed."))
    require_edit(user, obj.municipality)
    return obj.municipality


@transaction.atomic
def delete_rule_set(user: Any, rule_set: RuleSet) -> None:
    """Remove a municipality's own rule set; its ledgers go back to the shipped rules."""
    municipality = _own_set(user, rule_set)
    shipped, _factors = ensure_defaults()
    ledgers = Ledger.objects.filter(rule_set=rule_set)
    log_change(
        user,
        municipality,
        ChangeLogEntry.Action.IMPORT_DELETED,
        rule_set,
        before={"name": rule_set.name, "rules": rule_set.rules.count()},
        after={"ledgers_now_use": shipped.name},
    )
    ledgers.update(rule_set=shipped)
    rule_set.delete()


@transaction.atomic
def delete_factor_set(user: Any, factor_set: FactorSet) -> None:
    """Remove a municipality's own factor set; its ledgers go back to the shipped factors."""
    municipality = _own_set(user, factor_set)
    _rules, shipped = ensure_defaults()
    log_change(
        user,
        municipality,
        ChangeLogEntry.Action.IMPORT_DELETED,
        factor_set,
        before={"name": factor_set.name, "factors": factor_set.factors.count()},
        after={"ledgers_now_use": shipped.name},
    )
    Ledger.objects.filter(factor_set=factor_set).update(factor_set=shipped)
    factor_set.delete()


def ensure_defaults() -> tuple[RuleSet, FactorSet]:
    """The shipped rule and factor sets, stored once as shared sets."""
    rule_set = RuleSet.objects.filter(municipality=None, name=DEFAULT_RULES).first()
    if rule_set is None:
        rule_set = store_rule_set(None, DEFAULT_RULES, rules_io.default_rules())
    factor_set = FactorSet.objects.filter(municipality=None, name=DEFAULT_FACTORS).first()
    if factor_set is None:
        factor_set = store_factor_set(None, DEFAULT_FACTORS, factors_io.default_factors())
    return rule_set, factor_set


def prepare_visibility(ledger: Ledger, visibility: str) -> list[str]:
    return ["updated"]
