"""The training register: who was trained, when, with which concept; it feeds an indicator."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.services import store_computed_values
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.plans import changes
from klimatkontrakt.plans.models import FollowupChange
from klimatkontrakt.training.models import Training

INDICATOR_NAME = "Utbildade nämnder och styrelser"
PROVENANCE = "Utbildningsregistret i Klimatkontrakt: antal olika nämnder och styrelser utbildade"


def trainings_of(municipality: Municipality) -> QuerySet[Training]:
    return Training.objects.filter(municipality=municipality).select_related("department")


def trained_bodies_per_year(municipality: Municipality) -> dict[int, int]:
    """Distinct boards and committees trained each year; one trained twice counts once."""
    bodies: dict[int, set[int]] = defaultdict(set)
    for t in trainings_of(municipality).filter(audience=Training.Audience.BODY):
        if t.department_id is not None:
            bodies[t.held_on.year].add(t.department_id)
    return {year: len(ids) for year, ids in sorted(bodies.items())}


def training_snapshot(t: Training) -> dict[str, Any]:
    return {
        "held_on": t.held_on.isoformat(),
        "concept": t.concept,
        "audience": t.audience,
        "department": t.department.name if t.department else "",
        "participants": t.participants,
        "note": t.note,
    }


def _log(
    user: Any, training: Training, what: str, before: dict[str, Any], after: dict[str, Any] | None
) -> FollowupChange:
    log: dict[str, Any] = {"before": before}
    if after is not None:
        changed = {k for k in after if after[k] != before.get(k)}
        log = {
            "before": {k: before[k] for k in changed},
            "after": {k: after[k] for k in changed},
        }
    return changes.log_change(
        user,
        training.municipality,
        FollowupChange.Kind.TRAINING,
        training.pk,
        f"{training.held_on.isoformat()} {training.concept}",
        what,
        log,
    )


def _fill(
    training: Training,
    *,
    held_on: date,
    concept: str,
    audience: str,
    department: Department | None = None,
    participants: int | None = None,
    note: str = "",
) -> Training:
    municipality = training.municipality
    if department is not None and department.municipality_id != municipality.pk:
        raise ValidationError({"department": _("The department belongs to another municipality.")})
    if audience == Training.Audience.BODY and department is None:
        raise ValidationError({"department": _("Name the board or committee that was trained.")})
    training.held_on = held_on
    training.concept = concept.strip()
    training.audience = audience
    training.department = department
    training.participants = participants
    training.note = note
    training.full_clean()
    training.save()
    refresh_training_indicator(municipality)
    return training


@transaction.atomic
def record_training(user: Any, municipality: Municipality, **fields: Any) -> Training:
    """Add a training: held_on, concept, audience, department, participants, note."""
    require_edit(user, municipality)
    return _fill(Training(municipality=municipality), **fields)


@transaction.atomic
def update_training(user: Any, training: Training, **fields: Any) -> Training:
    """Change a training; the change log keeps the values it had."""
    require_edit(user, training.municipality)
    before = training_snapshot(training)
    _fill(training, **fields)
    after = training_snapshot(training)
    if after != before:
        _log(user, training, "updated", before, after)
    return training


@transaction.atomic
def delete_training(user: Any, training: Training) -> None:
    require_edit(user, training.municipality)
    _log(user, training, "deleted", training_snapshot(training), None)
    municipality = training.municipality
    training.delete()
    refresh_training_indicator(municipality)


def refresh_training_indicator(municipality: Municipality) -> Indicator:
    """Rewrite the indicator's yearly values from the register; one number, one function."""
    return store_computed_values(
        municipality,
        INDICATOR_NAME,
        {
            "unit": "st",
            "direction": Indicator.Direction.UP,
            "source_kind": Indicator.SourceKind.PLAN,
            "description": "Antal olika nämnder och bolagsstyrelser som utbildats i klimatfrågor "
            "under året, räknat ur utbildningsregistret.",
            "is_published": True,
        },
        {year: float(n) for year, n in trained_bodies_per_year(municipality).items()},
        PROVENANCE,
    )
