"""Reads for the training register, and what the public sees of it.

Which boards and committees were trained is public (the bodies are public institutions); staff
trainings are shown to the public only as counts per year, and notes never, so no person can
be named or singled out on the public page (docs/decisions.md, "Training register privacy").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from klimatkontrakt.organisations.access import can_view_unpublished
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.training.models import Training
from klimatkontrakt.training.services import trained_bodies_per_year, trainings_of


@dataclass(frozen=True)
class StaffYear:
    year: int
    trainings: int
    participants: int


@dataclass(frozen=True)
class Register:
    bodies_per_year: dict[int, int]
    body_trainings: list[Training]
    staff_per_year: list[StaffYear]
    staff_trainings: list[Training]  # each one, for the municipality's members only
    detailed: bool  # members: notes and each staff training are shown


def staff_per_year(trainings: list[Training]) -> list[StaffYear]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for t in trainings:
        counts[t.held_on.year][0] += 1
        counts[t.held_on.year][1] += t.participants or 0
    return [StaffYear(y, n, p) for y, (n, p) in sorted(counts.items(), reverse=True)]


def register_for(user: Any, municipality: Municipality) -> Register:
    detailed = can_view_unpublished(user, municipality)
    trainings = list(trainings_of(municipality))
    bodies = [t for t in trainings if t.audience == Training.Audience.BODY]
    staff = [t for t in trainings if t.audience == Training.Audience.STAFF]
    return Register(
        bodies_per_year=trained_bodies_per_year(municipality),
        body_trainings=bodies,
        staff_per_year=staff_per_year(staff),
        staff_trainings=staff if detailed else [],
        detailed=detailed,
    )


def training_json(t: Training, *, detailed: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": t.pk,
        "held_on": t.held_on,
        "concept": t.concept,
        "audience": t.audience,
        "department_id": t.department_id,
        "department": t.department.name if t.department else "",
        "participants": t.participants,
    }
    if detailed:
        out["note"] = t.note
    return out


def training_for(user: Any, municipality: Municipality, pk: int) -> Training:
    """One training to edit; only members reach single trainings (staff ones are not public)."""
    if not can_view_unpublished(user, municipality):
        raise Http404("No such training")
    try:
        return trainings_of(municipality).get(pk=pk)
    except Training.DoesNotExist as exc:
        raise Http404(f"No training {pk} for {municipality.code}") from exc
