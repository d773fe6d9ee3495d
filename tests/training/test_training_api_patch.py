"""PATCH of a training in the API: null for a field that cannot be empty keeps the value (as
the goal team's PATCH does); null participants or department clear them."""

from datetime import date

import pytest

from klimatkontrakt.training import services as trainings
from klimatkontrakt.training.models import Training

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_training(karlstad, editor):
    return trainings.record_training(
        editor, karlstad, held_on=date(2024, 4, 1), concept="Klimatsmart resande",
        audience="staff", participants=20, note="Halvdag",
    )  # fmt: skip


def test_null_keeps_required_fields_and_clears_participants(client, editor, staff_training):
    client.force_login(editor)
    r = client.patch(
        f"/api/trainings/{staff_training.pk}?municipality=1780",
        {"held_on": None, "concept": None, "audience": None, "note": None, "participants": None},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    t = Training.objects.get(pk=staff_training.pk)
    assert (t.held_on, t.concept, t.audience, t.note) == (
        date(2024, 4, 1), "Klimatsmart resande", "staff", "Halvdag",
    )  # fmt: skip
    assert t.participants is None
