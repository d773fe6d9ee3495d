"""Every write by a person — through a page, the API or the admin — leaves one change log entry
with the changed fields before and after; secrets and personal fields never reach it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action
from klimatkontrakt.training import services as trainings
from klimatkontrakt.training.models import Training
from tests.sources.ledger_files import write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(karlstad, editor):
    return trainings.record_training(
        editor, karlstad, held_on=date(2024, 4, 1), concept="Klimatsmart resande",
        audience="staff", participants=20, note="Halvdag",
    )  # fmt: skip


@pytest.fixture
def ledger_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    from klimatkontrakt.footprint import selectors

    settings.LEDGER_DIR = tmp_path / "ledgers"
    selectors._CACHE.clear()
    return settings.LEDGER_DIR


def _entries(obj):  # type: ignore[no-untyped-def]
    return list(
        ChangeLogEntry.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).order_by("pk")
    )


def test_a_service_call_outside_a_request_records_nothing(training):
    """Commands, the demo loader and tests' direct service calls act without a person."""
    assert _entries(training) == []


def test_a_page_edit_gives_one_entry_with_the_changed_fields(client, editor, karlstad, training):
    client.force_login(editor)
    r = client.post(
        f"/kommun/1780/utbildningar/{training.pk}/redigera/",
        {"held_on": "2024-04-01", "concept": "Klimatsmart resande", "audience": "staff",
         "participants": "25", "note": "Heldag"},
    )  # fmt: skip
    assert r.status_code == 302, r.content
    [entry] = _entries(training)
    assert (entry.action, entry.actor, entry.municipality) == ("updated", editor.pk, karlstad)
    assert entry.before == {"participants": 20, "note": "Halvdag"}
    assert entry.after == {"participants": 25, "note": "Heldag"}


def test_an_api_create_and_patch_each_give_one_entry(client, editor, karlstad):
    client.force_login(editor)
    r = client.post(
        "/api/trainings/?municipality=1780",
        {"held_on": "2024-05-02", "concept": "Klimatkollen", "audience": "staff",
         "participants": 12},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 201, r.content
    t = Training.objects.get(pk=r.json()["id"])
    [created] = _entries(t)
    assert created.action == "created" and created.actor == editor.pk
    assert created.after["concept"] == "Klimatkollen" and created.after["held_on"] == "2024-05-02"
    assert created.after["municipality"] == str(karlstad)
    r = client.patch(
        f"/api/trainings/{t.pk}?municipality=1780",
        {"participants": 14},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    created, changed = _entries(t)
    assert (changed.before, changed.after) == ({"participants": 12}, {"participants": 14})
    assert client.delete(f"/api/trainings/{t.pk}?municipality=1780").status_code == 204
    deleted = _entries(t)[-1]
    assert deleted.action == "deleted" and deleted.before["concept"] == "Klimatkollen"


def test_an_admin_edit_gives_one_entry(client, user_factory, karlstad, training):
    root = user_factory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    r = client.post(
        f"/admin/training/training/{training.pk}/change/",
        {"municipality": karlstad.pk, "held_on": "2024-04-01", "concept": "Klimatsmart resande",
         "audience": "body", "department": "", "participants": "20", "note": "Halvdag"},
    )  # fmt: skip
    assert r.status_code == 302, r.content
    [entry] = _entries(training)
    assert entry.actor == root.pk and entry.before == {"audience": "staff"}
    assert entry.after == {"audience": "body"}


def test_a_form_save_and_its_links_are_one_entry(editor_client, editor, karlstad, version_2023):
    plan = plans.create_plan(
        editor, karlstad, kind="energy_climate", title="Plan", owner_name="Samordnare"
    )
    action = plans.create_action(editor, plan, plans.ActionInput(identifier="E1", title="Solel"))
    commitment = Commitment.objects.filter(version=version_2023).first()
    assert commitment is not None
    r = editor_client.post(
        f"/kommun/1780/handlingsplaner/{plan.pk}/{action.pk}/redigera/",
        {"identifier": "E1", "title": "Solel på taken", "commitments": [commitment.pk],
         "contact_name": "Anna Andersson", "contact_email": "anna@example.se"},
    )  # fmt: skip
    assert r.status_code == 302, r.content
    [entry] = _entries(action)
    assert entry.after["title"] == "Solel på taken" and entry.after["commitments"] == [
        str(commitment)
    ]
    assert entry.before["commitments"] == []
    text = json.dumps([entry.before, entry.after], ensure_ascii=False)
    assert "Anna" not in text and "anna@example.se" not in text
    assert entry.after["contact_name"] == "***" and entry.after["contact_email"] == "***"
    assert Action.objects.get(pk=action.pk).contact_name == "Anna Andersson"


def test_an_import_through_the_page_is_one_summary_entry(editor_client, editor, karlstad):
    """A workbook of many actions: one entry for the file, none per action."""
    from openpyxl import Workbook

    plan = plans.create_plan(editor, karlstad, kind="energy_climate", title="Plan", owner_name="S")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["identifier", "title"])
    for n in range(300):
        sheet.append([f"A{n}", f"Aktivitet {n}"])
    from io import BytesIO

    data = BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "aktiviteter.xlsx"
    r = editor_client.post(f"/kommun/1780/handlingsplaner/{plan.pk}/import/", {"file": data})
    assert r.status_code in (200, 302), r.content
    assert Action.objects.filter(plan=plan).count() == 300
    entries = list(ChangeLogEntry.objects.exclude(object_type="plans.actionplan"))
    assert len(entries) == 1
    [entry] = entries
    assert (entry.action, entry.object_type, entry.actor) == (
        "imported",
        "plans.actionimport",
        editor.pk,
    )
    assert entry.after["rows"] == 300 and entry.after["created"] == 300


def test_a_ledger_upload_is_one_summary_entry(editor_client, editor, tmp_path, ledger_dir):
    path = write_csv(tmp_path / "lev.csv")
    with path.open("rb") as f:
        r = editor_client.post(
            "/kommun/1780/inkop/importera/",
            {"ledger_files": f, "ledger": "Test", "scope": "", "mapping": "", "threshold": "1"},
        )
    assert r.status_code in (200, 302), r.content
    kinds = list(ChangeLogEntry.objects.values_list("object_type", "action", "actor"))
    assert ("footprint.ledgerimport", "imported", editor.pk) in kinds
    assert [k for k in kinds if k[0] == "footprint.ledgerimport"] == [
        ("footprint.ledgerimport", "imported", editor.pk)
    ]


def test_no_password_or_session_reaches_the_log(client, user_factory, karlstad):
    root = user_factory(username="root", is_staff=True, is_superuser=True)
    person = user_factory(username="kalle", email="kalle@example.se", member_of=karlstad)
    client.force_login(root)
    r = client.post(
        f"/admin/auth/user/{person.pk}/password/",
        {"password1": "Ett-langt-nytt-losen-42", "password2": "Ett-langt-nytt-losen-42",
         "usable_password": "true"},
    )  # fmt: skip
    assert r.status_code == 302, r.content
    client.force_login(person)  # a login writes last_login: no change worth a line
    person.refresh_from_db()
    dump = json.dumps(list(ChangeLogEntry.objects.values()), default=str, ensure_ascii=False)
    for secret in (person.password, "Ett-langt-nytt-losen-42", "kalle@example.se", "kalle"):
        assert secret not in dump
    [entry] = ChangeLogEntry.objects.filter(object_type="auth.user")
    assert entry.after == {"password": "***"} and entry.actor == root.pk


def test_a_delete_with_its_dependent_rows_is_one_entry(client, user_factory, editor, karlstad):
    root = user_factory(username="root", is_staff=True, is_superuser=True)
    plan = plans.create_plan(editor, karlstad, kind="energy_climate", title="Plan", owner_name="S")
    for n in range(3):
        plans.create_action(editor, plan, plans.ActionInput(identifier=f"E{n}", title=f"A{n}"))
    client.force_login(root)
    r = client.post(f"/admin/plans/actionplan/{plan.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302, r.content
    [entry] = ChangeLogEntry.objects.all()
    assert (entry.action, entry.object_type, entry.municipality) == (
        "deleted",
        "plans.actionplan",
        karlstad,
    )
    assert entry.before["title"] == "Plan" and "owner_name" not in entry.before
    assert entry.after == {"_removed_with": {"plans.action": 3}}
    html = client.get("/kommun/1780/andringslogg/").content.decode()
    assert "Togs också bort" in html and "Aktiviteter: 3" in html
