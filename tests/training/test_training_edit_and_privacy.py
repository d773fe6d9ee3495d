"""Editors change and delete trainings; the public register shows no staff training one by one."""

from datetime import date

import pytest
from django.test import Client

from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.plans.models import FollowupChange
from klimatkontrakt.training import services as trainings
from klimatkontrakt.training.models import Training

pytestmark = pytest.mark.django_db

NOTE = "Kursledare: Karin Exempelsson"


@pytest.fixture
def register(karlstad, editor, department_factory):
    mn = department_factory(
        municipality=karlstad, name="Miljönämnden", short_name="MN", kind="namnd"
    )
    body = trainings.record_training(
        editor, karlstad, held_on=date(2024, 3, 1), concept="Klimatkunskap", audience="body",
        department=mn, participants=9, note=NOTE,
    )  # fmt: skip
    staff = [
        trainings.record_training(
            editor,
            karlstad,
            held_on=date(2024, month, 1),
            concept="Klimatsmart resande",
            audience="staff",
            participants=n,
            note=NOTE,
        )  # fmt: skip
        for month, n in [(4, 20), (9, 15)]
    ]
    return body, staff, mn


def _values(karlstad):
    ind = Indicator.objects.get(municipality=karlstad, name=trainings.INDICATOR_NAME)
    return {v.year: v.value for v in ind.values.all()}


def test_public_register_shows_bodies_and_staff_totals_only(client, register):
    html = client.get("/kommun/1780/utbildningar/").content.decode()
    assert "Miljönämnden" in html and "Klimatkunskap" in html
    assert "Klimatsmart resande" not in html  # staff trainings: totals per year only
    assert NOTE not in html and "Karin" not in html
    assert ">35<" in html  # 20 + 15 participants in 2024
    data = client.get("/api/trainings/", {"municipality": "1780"}).json()
    assert data["staff_trainings"] == [] and "Karin" not in str(data)
    assert data["staff_per_year"] == [{"year": 2024, "trainings": 2, "participants": 35}]
    assert [t["department"] for t in data["body_trainings"]] == ["Miljönämnden"]


def test_members_see_each_training_with_its_note(client, viewer, register):
    client.force_login(viewer)
    html = client.get("/kommun/1780/utbildningar/").content.decode()
    assert "Klimatsmart resande" in html and NOTE in html
    data = client.get("/api/trainings/", {"municipality": "1780"}).json()
    assert len(data["staff_trainings"]) == 2 and data["staff_trainings"][0]["note"] == NOTE


def test_editor_edits_a_training_and_the_indicator_follows(editor_client, karlstad, register):
    body, _staff, mn = register
    url = f"/kommun/1780/utbildningar/{body.pk}/redigera/"
    assert editor_client.get(url).status_code == 200
    r = editor_client.post(url, {
        "held_on": "2025-01-15", "concept": "Klimatkunskap", "audience": "body",
        "department": mn.pk, "participants": "10",
    })  # fmt: skip
    assert r.status_code == 302
    body.refresh_from_db()
    assert body.held_on == date(2025, 1, 15) and body.participants == 10 and body.note == ""
    assert _values(karlstad) == {2025: 1.0}
    log = FollowupChange.objects.get(kind="training", what="updated")
    assert log.changes["before"]["held_on"] == "2024-03-01"
    assert log.changes["after"]["held_on"] == "2025-01-15"


def test_editor_deletes_a_training_after_confirming(editor_client, karlstad, register):
    body = register[0]
    url = f"/kommun/1780/utbildningar/{body.pk}/ta-bort/"
    assert editor_client.get(url).status_code == 200 and Training.objects.filter(pk=body.pk)
    assert editor_client.post(url).status_code == 302
    assert not Training.objects.filter(pk=body.pk).exists()
    assert _values(karlstad) == {}
    assert (
        FollowupChange.objects.get(what="deleted").changes["before"]["concept"] == "Klimatkunskap"
    )


@pytest.mark.parametrize("who", ["anonymous", "viewer", "outsider"])
def test_others_cannot_edit_or_delete(request, who, register):
    client = Client()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    body = register[0]
    base = f"/kommun/1780/utbildningar/{body.pk}/"
    client.post(base + "redigera/", {"held_on": "2020-01-01", "concept": "X", "audience": "staff"})
    client.post(base + "ta-bort/")
    api = f"/api/trainings/{body.pk}?municipality=1780"
    assert client.patch(api, {"concept": "X"}, content_type="application/json").status_code in (
        401, 403, 404,
    )  # fmt: skip
    assert client.delete(api).status_code in (401, 403, 404)
    body.refresh_from_db()
    assert body.concept == "Klimatkunskap" and Training.objects.count() == 3
    assert not FollowupChange.objects.exists()


def test_editor_writes_through_the_api(client, editor, karlstad, register):
    body, _staff, mn = register
    client.force_login(editor)
    r = client.patch(
        f"/api/trainings/{body.pk}?municipality=1780", {"participants": 14},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 200 and r.json()["participants"] == 14 and r.json()["note"] == NOTE
    r = client.post(
        "/api/trainings/?municipality=1780",
        {"held_on": "2025-02-01", "concept": "Klimatkunskap", "audience": "body",
         "department_id": mn.pk},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 201
    assert _values(karlstad) == {2024: 1.0, 2025: 1.0}
    bad = client.post(
        "/api/trainings/?municipality=1780",
        {"held_on": "2025-02-01", "concept": "X", "audience": "body"},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 422
    assert client.delete(f"/api/trainings/{body.pk}?municipality=1780").status_code == 204
    assert _values(karlstad) == {2025: 1.0}
