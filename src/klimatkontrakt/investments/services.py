"""Writes of the investment plan: each use case one function, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatkontrakt.audit import context as audit
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.imports import ImportResult, import_file
from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.models import (
    BaselineSector,
    Funding,
    FundingSource,
    InvestmentPlan,
    Measure,
    MeasureImport,
)
from klimatkontrakt.organisations.access import SYSTEM, require_edit
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.organisations.selectors import departments
from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.measures import MeasureRow, parse_measure_table
from klimatkontrakt.sources.sectors import sector_label


def _dec(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def create_plan(user: Any, municipality: Municipality, **fields: Any) -> InvestmentPlan:
    require_edit(user, municipality)
    plan = InvestmentPlan(municipality=municipality, **fields)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def create_territorial_plan(
    user: Any, municipality: Municipality, name: str, *, end_year: int = 2030
) -> InvestmentPlan:
    """A plan for the geographical area with its BAU per SMHI sector from the current release,
    from the release's last year: CO2 with the budget path of the default budget method when a
    CO2 release is held (the budget methods budget CO2), else greenhouse gases with no budget
    yet. Unpublished, like every new plan."""
    from klimatkontrakt.emissions import selectors as emissions

    for gas, method in (("CO2", emissions.DEFAULT_METHOD), ("GGT", "")):
        try:
            release = emissions.current_release(gas)
        except emissions.NoRelease:
            continue
        last = max(release.years)
        return create_plan(
            user,
            municipality,
            name=name,
            scope=InvestmentPlan.Scope.GEOGRAPHY,
            emissions_gas=gas,
            budget_method=method,
            base_year=last,
            end_year=max(end_year, last),
        )
    raise ValidationError(
        _("No SMHI emission release is imported yet, so a territorial plan has no sectors.")
    )


@transaction.atomic
def save_plan(user: Any, plan: InvestmentPlan) -> InvestmentPlan:
    require_edit(user, plan.municipality)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def save_plan_settings(user: Any, form: Any, baseline: Any) -> InvestmentPlan:
    """Store a plan and its baseline sectors from a validated form and formset together."""
    require_edit(user, form.instance.municipality)
    plan = form.save()
    baseline.instance = plan
    baseline.save()
    return plan


def sector_problem(sector: str, sectors: Sequence[str]) -> str | None:
    """Why the plan's pathway cannot use a measure on this sector; None when it can."""
    if not sectors:
        return _(
            "The plan has no sectors yet, so its pathway cannot use any measure: give the plan "
            "its baseline (entered, from SMHI or from the purchase footprint) first."
        )
    if sector not in sectors:
        return _("“%(sector)s” is not a sector of this plan. Choose one of: %(sectors)s.") % {
            "sector": sector,
            "sectors": ", ".join(sector_label(s) for s in sectors),
        }
    return None


@transaction.atomic
def save_measure(user: Any, measure: Measure, cobenefits: Any = None) -> Measure:
    """Validate and store a measure (with its co-benefit formset, if given); a reduction derived
    from an activity change is recomputed."""
    require_edit(user, measure.plan.municipality)
    if measure.derived_from_activity:
        from klimatkontrakt.calc.measures import activity_reduction_t

        derived = activity_reduction_t(
            float(measure.activity_units),  # type: ignore[arg-type]
            float(measure.activity_per_unit),  # type: ignore[arg-type]
            float(measure.factor_before_kg),  # type: ignore[arg-type]
            float(measure.factor_after_kg),  # type: ignore[arg-type]
        )
        measure.reduction_t_per_year = Decimal(str(round(derived, 3)))
    problem = sector_problem(measure.sector, selectors.plan_sectors(measure.plan))
    if problem:
        raise ValidationError({"sector": problem})
    measure.full_clean()
    measure.save()
    if cobenefits is not None:
        cobenefits.instance = measure
        cobenefits.save()
    return measure


@transaction.atomic
def delete_measure(user: Any, measure: Measure) -> None:
    require_edit(user, measure.plan.municipality)
    measure.delete()


def _department_lookup(municipality: Municipality) -> dict[str, Department]:
    out: dict[str, Department] = {}
    for d in departments(municipality):
        out[d.name.casefold()] = d
        if d.short_name:
            out[d.short_name.casefold()] = d
    return out


def import_measures(
    plan: InvestmentPlan, data: bytes, filename: str, *, user: Any = None, check_access: bool = True
) -> ImportResult:
    """Take in a measure table (CSV/XLSX), all or nothing.

    Rows are matched to existing measures by name, so a corrected file updates them; the same
    file (by SHA-256) imported again changes nothing. `check_access=False` is for the CLI,
    which runs as the system actor.
    """
    if not check_access:
        user = SYSTEM

    def parse(content: bytes, name: str) -> list[tuple[str, dict[str, Any]]]:
        rows = parse_measure_table(content, name)
        departments = _department_lookup(plan.municipality)
        sectors = selectors.plan_sectors(plan)
        if not sectors:  # one reason for the whole file, not one per row
            raise SourceError(RowProblem(name, None, "sector", str(sector_problem("", sectors))))
        problems = []
        for r in rows:
            if r.department.casefold() not in departments:
                problems.append(
                    RowProblem(
                        name,
                        r.row,
                        "department",
                        f"{r.department!r} is not a department of {plan.municipality.name}",
                    )
                )
            sector = sector_problem(r.sector, sectors)
            if sector:
                problems.append(RowProblem(name, r.row, "sector", sector))
        if problems:
            raise SourceError(problems)
        return [(r.name, _measure_fields(r, departments)) for r in rows]

    new: list[int] = []

    def store(measures: Sequence[tuple[str, dict[str, Any]]]) -> tuple[int, int]:
        created = 0
        for measure_name, fields in measures:
            measure, was_created = Measure.objects.update_or_create(
                plan=plan, name=measure_name, defaults=fields
            )
            if was_created:
                new.append(measure.pk)
                created += 1
        return created, len(measures) - created

    return import_file(
        user,
        plan.municipality,
        MeasureImport,
        {"plan": plan},
        filename,
        data,
        parse=parse,
        store=store,
        link=lambda record: Measure.objects.filter(pk__in=new).update(source_import=record),
    )


@transaction.atomic
def delete_import(user: Any, record: MeasureImport) -> int:
    """Undo a measure import: the measures it created go; measures it only updated keep their
    current values. Returns how many measures went."""
    plan = record.plan
    require_edit(user, plan.municipality)
    created = list(record.created_measures.all())
    log_change(
        user,
        plan.municipality,
        ChangeLogEntry.Action.IMPORT_DELETED,
        record,
        label=f"{plan.name}: {record.filename}",
        before={
            "file": record.filename,
            "rows": record.rows,
            "plan": plan.name,
            "measures_removed": [m.name for m in created],
        },
    )
    with audit.quiet():  # the entry above is the undo's one entry
        for measure in created:
            measure.delete()
        record.delete()
    return len(created)


def _measure_fields(r: MeasureRow, departments: dict[str, Department]) -> dict[str, Any]:
    return {
        "description": r.description,
        "sector": r.sector,
        "category": r.category,
        "department": departments[r.department.casefold()],
        "kind": r.kind,
        "status": r.status,
        "start_year": r.start_year,
        "ramp_up_years": r.ramp_up_years,
        "lifetime_years": r.lifetime_years,
        "capex_sek": _dec(r.capex_sek),
        "capex_low_sek": _dec(r.capex_low_sek),
        "capex_high_sek": _dec(r.capex_high_sek),
        "opex_change_sek_per_year": _dec(r.opex_change_sek_per_year),
        "opex_change_low_sek_per_year": _dec(r.opex_change_low_sek_per_year),
        "opex_change_high_sek_per_year": _dec(r.opex_change_high_sek_per_year),
        "reduction_t_per_year": _dec(r.reduction_t_per_year),
        "reduction_low_t_per_year": _dec(r.reduction_low_t_per_year),
        "reduction_high_t_per_year": _dec(r.reduction_high_t_per_year),
    }


@transaction.atomic
def scale_up_plan(
    user: Any,
    plan: InvestmentPlan,
    *,
    name: str,
    scope: str,
    department: Department | None = None,
) -> InvestmentPlan:
    """Copy a (pilot) plan with its baseline, measures, co-benefits and funding into a wider
    plan, so nothing is typed twice. The new plan starts unpublished and remembers its origin."""
    require_edit(user, plan.municipality)
    source_id = plan.pk
    baseline = list(BaselineSector.objects.filter(plan_id=source_id))
    measures = list(
        Measure.objects.filter(plan_id=source_id).prefetch_related("cobenefits", "fundings")
    )
    wider = InvestmentPlan.objects.get(pk=source_id)
    wider.pk = None
    wider.name = name
    wider.scope = scope
    wider.department = department if scope == InvestmentPlan.Scope.DEPARTMENT else None
    wider.scaled_up_from_id = source_id
    wider.is_published = False
    wider.shared_with_programme = False  # a new plan starts private
    wider.full_clean()
    wider.save()
    for b in baseline:
        b.pk = None
        b.plan = wider
        b.save()
    for m in measures:
        cobenefits, fundings = list(m.cobenefits.all()), list(m.fundings.all())
        commitments, actions = list(m.commitments.all()), list(m.actions.all())
        m.pk = None
        m.plan = wider
        m.save()
        m.commitments.set(commitments)
        m.actions.set(actions)
        for c in cobenefits:
            c.pk = None
            c.measure = m
            c.save()
        for fu in fundings:
            fu.pk = None
            fu.measure = m
            fu.save()
    return wider


@transaction.atomic
def set_baseline(
    user: Any,
    plan: InvestmentPlan,
    sector: str,
    base_t: Decimal,
    trend_per_year: Decimal = Decimal("0"),
    source: str = "",
) -> BaselineSector:
    require_edit(user, plan.municipality)
    row, _ = BaselineSector.objects.update_or_create(
        plan=plan,
        sector=sector,
        defaults={"base_t": base_t, "trend_per_year": trend_per_year, "source": source},
    )
    return row


@transaction.atomic
def add_funding_source(user: Any, source: FundingSource) -> FundingSource:
    require_edit(user, source.municipality)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def add_funding(
    user: Any,
    measure: Measure,
    source: FundingSource,
    amount_sek: Decimal,
    year: int,
    state: str,
) -> Funding:
    require_edit(user, measure.plan.municipality)
    if source.municipality_id != measure.plan.municipality_id:
        raise ValueError("the funding source belongs to another municipality")
    funding = Funding(measure=measure, source=source, amount_sek=amount_sek, year=year, state=state)
    funding.full_clean()
    funding.save()
    return funding


@transaction.atomic
def delete_funding(user: Any, funding: Funding) -> None:
    """Remove one funding row of a measure (e.g. a grant unlinked from it)."""
    require_edit(user, funding.measure.plan.municipality)
    funding.delete()
