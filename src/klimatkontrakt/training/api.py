"""The training register in the JSON API. The public sees boards' and committees' trainings and
staff trainings as yearly totals (training.selectors); members see each one; editors write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.organisations.selectors import department_of, municipality_by_code
from klimatkontrakt.training import selectors, services
from klimatkontrakt.web.api_schemas import Count, Error, Id

router = Router(tags=["training register"])


class TrainingOut(Schema):
    id: int
    held_on: date
    concept: str
    audience: str
    department_id: int | None
    department: str
    participants: int | None
    note: str | None = None


class StaffYearOut(Schema):
    year: int
    trainings: int
    participants: int


class RegisterOut(Schema):
    municipality: str
    bodies_per_year: dict[int, int]
    body_trainings: list[TrainingOut]
    staff_per_year: list[StaffYearOut]
    staff_trainings: list[TrainingOut]


class TrainingIn(Schema):
    held_on: date
    concept: str
    audience: str
    department_id: Id | None = None
    participants: Count | None = None
    note: str = ""


class TrainingPatch(Schema):
    held_on: date | None = None
    concept: str | None = None
    audience: str | None = None
    department_id: Id | None = None
    participants: Count | None = None
    note: str | None = None


def _department(muni: Municipality, pk: int | None) -> Department | None:
    return None if pk is None else department_of(muni, pk)


def _out(t: Any) -> dict[str, Any]:
    return selectors.training_json(t, detailed=True)


@router.get("/", response=RegisterOut, summary="A municipality's training register")
def register(request: HttpRequest, municipality: str) -> dict[str, Any]:
    muni = municipality_by_code(municipality)
    r = selectors.register_for(request.user, muni)
    return {
        "municipality": muni.code,
        "bodies_per_year": r.bodies_per_year,
        "body_trainings": [
            selectors.training_json(t, detailed=r.detailed) for t in r.body_trainings
        ],
        "staff_per_year": [s.__dict__ for s in r.staff_per_year],
        "staff_trainings": [_out(t) for t in r.staff_trainings],
    }


@router.post("/", auth=django_auth, response={201: TrainingOut, 403: Error, 404: Error, 422: Error})
def create_training(request: HttpRequest, municipality: str, payload: TrainingIn) -> Any:
    muni = municipality_by_code(municipality)
    require_edit(request.user, muni)
    fields = payload.dict()
    department = _department(muni, fields.pop("department_id"))
    t = services.record_training(request.user, muni, department=department, **fields)
    return Status(201, _out(t))


@router.patch(
    "/{training_id}",
    auth=django_auth,
    response={200: TrainingOut, 403: Error, 404: Error, 422: Error},
)
def update_training(
    request: HttpRequest, training_id: Id, municipality: str, payload: TrainingPatch
) -> Any:
    muni = municipality_by_code(municipality)
    require_edit(request.user, muni)
    t = selectors.training_for(request.user, muni, training_id)
    given = payload.dict(exclude_unset=True)

    def pick(key: str, current: Any) -> Any:
        return current if given.get(key) is None else given[key]  # null or absent: keep

    fields: dict[str, Any] = {
        "held_on": pick("held_on", t.held_on),
        "concept": pick("concept", t.concept),
        "audience": pick("audience", t.audience),
        "department": (
            _department(muni, given["department_id"]) if "department_id" in given else t.department
        ),
        "participants": given.get("participants", t.participants),  # null clears the count
        "note": pick("note", t.note),
    }
    return _out(services.update_training(request.user, t, **fields))


@router.delete("/{training_id}", auth=django_auth, response={204: None, 403: Error, 404: Error})
def delete_training(request: HttpRequest, training_id: Id, municipality: str) -> Any:
    muni = municipality_by_code(municipality)
    require_edit(request.user, muni)
    services.delete_training(request.user, selectors.training_for(request.user, muni, training_id))
    return Status(204, None)
