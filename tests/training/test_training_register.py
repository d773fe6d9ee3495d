"""The training register counts trained boards and committees per year into an indicator."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.training import services as trainings
from klimatkontrakt.training.models import Training

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(karlstad, department_factory):
    return [
        department_factory(municipality=karlstad, name=n, short_name=s, kind="namnd")
        for n, s in [("Miljönämnden", "MN"), ("Kommunstyrelsen", "KS")]
    ]


def _train(editor, muni, day, dept=None, audience="body"):
    return trainings.record_training(
        editor, muni, held_on=day, concept="Klimatutbildning steg 1", audience=audience,
        department=dept, participants=12,
    )  # fmt: skip


def test_indicator_counts_distinct_bodies_per_year(editor, karlstad, bodies):
    mn, ks = bodies
    _train(editor, karlstad, date(2024, 3, 1), mn)
    _train(editor, karlstad, date(2024, 9, 1), mn)  # the same committee again
    _train(editor, karlstad, date(2024, 10, 1), ks)
    _train(editor, karlstad, date(2025, 2, 1), ks)
    _train(editor, karlstad, date(2025, 2, 2), audience="staff")
    indicator = Indicator.objects.get(municipality=karlstad, name=trainings.INDICATOR_NAME)
    assert {v.year: v.value for v in indicator.values.all()} == {2024: 2.0, 2025: 1.0}
    assert all("Utbildningsregistret" in v.provenance for v in indicator.values.all())
    assert indicator.source_kind == "plan" and indicator.direction == "up"


def test_a_body_training_names_the_body_of_the_same_municipality(
    editor, karlstad, other_municipality, department_factory
):
    with pytest.raises(ValidationError) as err:
        _train(editor, karlstad, date(2024, 1, 1))
    assert "department" in err.value.message_dict
    foreign = department_factory(
        municipality=other_municipality, name="Miljönämnden", short_name="MN", kind="namnd"
    )
    with pytest.raises(ValidationError):
        _train(editor, karlstad, date(2024, 1, 1), foreign)
    assert not Training.objects.exists()


def test_writes_need_the_editor_role(viewer, karlstad, bodies):
    with pytest.raises(PermissionDenied):
        _train(viewer, karlstad, date(2024, 1, 1), bodies[0])


def test_page_and_form(editor_client, client, karlstad, bodies):
    url = "/kommun/1780/utbildningar/"
    r = editor_client.post(url + "ny/", {
        "held_on": "2024-05-02", "concept": "Klimatkunskap för förtroendevalda",
        "audience": "body", "department": bodies[0].pk, "participants": "9",
    })  # fmt: skip
    assert r.status_code == 302
    html = client.get(url).content.decode()
    assert "Klimatkunskap för förtroendevalda" in html and "Miljönämnden" in html
    assert "Utbildningsregister" in html
    refused = editor_client.post(url + "ny/", {"held_on": "", "concept": "", "audience": "body"})
    assert refused.status_code == 200 and Training.objects.count() == 1


def test_anonymous_cannot_add(client, karlstad, bodies):
    r = client.post("/kommun/1780/utbildningar/ny/", {"held_on": "2024-01-01"})
    assert r.status_code == 302 and not Training.objects.exists()
