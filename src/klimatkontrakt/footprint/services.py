"""Every write of the footprint app. Imports are all or nothing: a refused file changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from klimatkontrakt.footprint import engine
from klimatkontrakt.footprint.models import (
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


def ledger_dir(municipality: Municipality) -> Path:
    return Path(settings.LEDGER_DIR) / municipality.code


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
    mapping: ledger_io.ColumnMapping | None = None,
    threshold: float = ledger_io.DEFAULT_BAD_ROW_THRESHOLD,
) -> LedgerImportResult:
    """Check every file, then store all of them or none (``ImportRefused``).

    A file whose content hash the ledger already holds is reported as a duplicate and skipped.
    """
    # Parts of imports.import_file only: many files per call, lines stored as Parquet on disk.
    require_edit(user, municipality)
    ledger = ensure_ledger(municipality, ledger_name)
    target_dir = ledger_dir(municipality)
    target_dir.mkdir(parents=True, exist_ok=True)
    result = LedgerImportResult(ledger)
    staged: list[tuple[engine.FileReport, Path]] = []
    with tempfile.TemporaryDirectory(dir=target_dir, prefix=".import-") as tmp:
        seen: set[str] = set()
        for name, path in files:
            digest = ledger_io.content_hash(Path(path))
            if digest in seen or imported_before(LedgerImport, {"ledger": ledger}, digest):
                result.duplicates.append(name)
                result.reports.append(engine.FileReport(name, digest, "duplicate"))
                continue
            seen.add(digest)
            out = Path(tmp) / f"{digest}.parquet"
            report = engine.write_parquet(
                Path(path), out, mapping, threshold, name=name, digest=digest
            )
            result.reports.append(report)
            staged.append((report, out))
        if any(r.status == "refused" for r in result.reports):
            raise ImportRefused(result.reports)
        moved: list[Path] = []
        try:
            with transaction.atomic():
                for report, out in staged:
                    final = target_dir / out.name
                    imported = record_import(
                        LedgerImport,
                        {"ledger": ledger},
                        user,
                        filename=report.name,
                        sha256=report.content_hash,
                        rows=report.lines,
                        parquet=str(final.relative_to(settings.LEDGER_DIR)),
                        skipped=[b.message() for b in report.bad_rows],
                        encoding=report.encoding,
                        delimiter=report.delimiter,
                    )
                    result.imported.append(imported)
                    shutil.move(str(out), final)
                    moved.append(final)
                ledger.save(update_fields=["updated"])
        except Exception:
            for path in moved:
                path.unlink(missing_ok=True)
            raise
    return result


def delete_import(user: Any, item: LedgerImport) -> None:
    require_edit(user, item.ledger.municipality)
    path = Path(settings.LEDGER_DIR) / item.parquet
    with transaction.atomic():
        item.delete()
    path.unlink(missing_ok=True)


def set_published(user: Any, ledger: Ledger, published: bool) -> Ledger:
    require_edit(user, ledger.municipality)
    ledger.published = published
    ledger.save(update_fields=["published", "updated"])
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
        rule_set = store_rule_set(municipality, name, rules)
        Ledger.objects.filter(municipality=municipality).update(rule_set=rule_set)
    return rule_set


def import_factors(user: Any, municipality: Municipality, name: str, path: Path) -> FactorSet:
    """Read a factor CSV; its factors override the defaults category by category."""
    require_edit(user, municipality)
    own = factors_io.read_factors(Path(path))
    merged = factors_io.default_factors().merged(own)
    with transaction.atomic():
        factor_set = store_factor_set(municipality, name, merged)
        Ledger.objects.filter(municipality=municipality).update(factor_set=factor_set)
    return factor_set


def import_activity(
    user: Any, municipality: Municipality, path: Path, *, replace_years: bool = True
) -> list[ActivityRecord]:
    """Read an activity CSV; with ``replace_years`` the years it covers are replaced whole."""
    require_edit(user, municipality)
    records = activity_io.read_activity(Path(path))
    with transaction.atomic():
        if replace_years:
            years = {r.year for r in records}
            ActivityRecord.objects.filter(municipality=municipality, year__in=years).delete()
        return ActivityRecord.objects.bulk_create(
            ActivityRecord(
                municipality=municipality,
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


def ensure_defaults() -> tuple[RuleSet, FactorSet]:
    """The shipped rule and factor sets, stored once as shared sets."""
    rule_set = RuleSet.objects.filter(municipality=None, name=DEFAULT_RULES).first()
    if rule_set is None:
        rule_set = store_rule_set(None, DEFAULT_RULES, rules_io.default_rules())
    factor_set = FactorSet.objects.filter(municipality=None, name=DEFAULT_FACTORS).first()
    if factor_set is None:
        factor_set = store_factor_set(None, DEFAULT_FACTORS, factors_io.default_factors())
    return rule_set, factor_set
