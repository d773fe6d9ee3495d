"""Demo trainings for Karlstad: example records, not Karlstad's real training register."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.training.models import Training
from klimatkontrakt.training.services import record_training

EXAMPLE_NOTE = "Exempel: demodata, inte Karlstads verkliga uppföljning."

# (date, department short name or None for staff, participants); examples, not real records
DEMO_TRAININGS = [
    (date(2024, 2, 12), "KS", 15),
    (date(2024, 4, 8), "MN", 11),
    (date(2024, 5, 20), None, 40),
    (date(2025, 3, 3), "TFN", 13),
]
DEMO_CONCEPT = "Klimatutbildning för förtroendevalda och medarbetare (exempel)"


@transaction.atomic
def load_demo_trainings(code: str = KARLSTAD) -> None:
    """Example trainings for Karlstad's boards and staff; nothing when it has trainings already."""
    muni = Municipality.objects.get(code=code)
    if Training.objects.filter(municipality=muni).exists():
        return
    for held_on, short_name, participants in DEMO_TRAININGS:
        dept = Department.objects.filter(municipality=muni, short_name=short_name).first()
        if short_name and dept is None:
            continue
        record_training(
            SYSTEM,
            muni,
            held_on=held_on,
            concept=DEMO_CONCEPT,
            audience=Training.Audience.BODY if dept else Training.Audience.STAFF,
            department=dept,
            participants=participants,
            note=EXAMPLE_NOTE,
        )


def load(stdout: Any) -> None:
    load_demo_trainings(KARLSTAD)
    count = Training.objects.filter(municipality__code=KARLSTAD).count()
    stdout.write(f"Training register for Karlstad: {count} trainings (examples)")
