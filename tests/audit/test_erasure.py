"""GDPR erasure does not rewrite history: the change log keeps each entry with the account's
id as its actor, holds no name or e-mail, and the person's export lists their entries."""

from __future__ import annotations

import json
from datetime import date

import pytest

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.training import services as trainings
from tests.organisations.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(user_factory, karlstad):  # type: ignore[no-untyped-def]
    return user_factory(
        username="anna.andersson", email="anna@karlstad.se", first_name="Anna",
        member_of=karlstad, member_of__role="admin",
    )  # fmt: skip


def _edit_a_training(client, person, karlstad):  # type: ignore[no-untyped-def]
    t = trainings.record_training(
        person, karlstad, held_on=date(2024, 4, 1), concept="Klimatkunskap", audience="staff"
    )
    client.force_login(person)
    r = client.post(
        f"/kommun/1780/utbildningar/{t.pk}/redigera/",
        {"held_on": "2024-04-01", "concept": "Klimatkunskap 2", "audience": "staff"},
    )
    assert r.status_code == 302
    return t


def test_the_export_lists_the_persons_own_entries(client, person, karlstad):
    _edit_a_training(client, person, karlstad)
    data = json.loads(client.get("/konto/mina-uppgifter/?format=json").content)
    [entry] = data["change_log"]
    assert entry["municipality"] == "1780" and entry["action"] == "updated"
    assert entry["after"] == {"concept": "Klimatkunskap 2"}


def test_erasure_keeps_the_entries_under_the_account_number(client, person, karlstad, admin_user):
    t = _edit_a_training(client, person, karlstad)
    account = person.pk
    before = list(ChangeLogEntry.objects.values_list("pk", "actor", "before", "after"))
    assert client.post("/konto/mina-uppgifter/", {"password": PASSWORD}).status_code == 302
    assert not type(person).objects.filter(pk=account).exists()
    after = list(ChangeLogEntry.objects.values_list("pk", "actor", "before", "after"))
    assert all(row in after for row in before)
    [erased] = ChangeLogEntry.objects.filter(object_type="auth.user")
    assert (erased.action, erased.actor, erased.object_id) == ("deleted", account, str(account))
    dump = json.dumps(list(ChangeLogEntry.objects.values()), default=str, ensure_ascii=False)
    assert "anna" not in dump.lower() and "Andersson" not in dump
    client.force_login(admin_user)
    page = client.get("/kommun/1780/andringslogg/").content.decode()
    assert f"konto {account} (raderat)" in page and "Klimatkunskap 2" in page
    assert ChangeLogEntry.objects.filter(object_id=str(t.pk), actor=account).exists()


def test_the_name_is_shown_while_the_account_exists(client, person, karlstad):
    _edit_a_training(client, person, karlstad)
    page = client.get("/kommun/1780/andringslogg/").content.decode()
    assert f"anna.andersson (konto {person.pk})" in page
