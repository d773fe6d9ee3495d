"""The change log: one entry per write that calls it, by account id, readable in the admin and
never editable there."""

import pytest

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.organisations.access import SYSTEM

pytestmark = pytest.mark.django_db


def test_an_entry_names_the_account_and_the_object(editor, karlstad):
    entry = log_change(
        editor, karlstad, ChangeLogEntry.Action.DELETED, karlstad, before={"name": "Karlstad"}
    )
    assert entry.actor == editor.pk and entry.object_type == "organisations.municipality"
    assert entry.object_id == str(karlstad.pk) and entry.label == str(karlstad)
    assert log_change(SYSTEM, None, "created", karlstad).actor is None


def test_the_admin_lists_entries_and_refuses_edits(client, user_factory, editor, karlstad):
    entry = log_change(editor, karlstad, ChangeLogEntry.Action.DELETED, karlstad)
    admin = user_factory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/audit/changelogentry/")
    assert listing.status_code == 200 and "organisations.municipality" in listing.content.decode()
    assert client.get(f"/admin/audit/changelogentry/{entry.pk}/change/").status_code == 200
    assert client.post(f"/admin/audit/changelogentry/{entry.pk}/delete/").status_code == 403
    assert ChangeLogEntry.objects.filter(pk=entry.pk).exists()
