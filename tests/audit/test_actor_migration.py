"""The migration to a pseudonymous actor keeps who made each existing entry: the account id its
link held becomes the entry's actor."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from klimatkontrakt.audit.models import ChangeLogEntry

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_entries_keep_their_account_as_actor():
    old = _migrate([("audit", "0001_initial")])
    try:
        user = old.get_model("auth", "User").objects.create(username="redaktor")
        entry = old.get_model("audit", "ChangeLogEntry")
        by_user = entry.objects.create(
            user=user, action="deleted", object_type="x.y", object_id="1", label="a"
        )
        by_system = entry.objects.create(
            action="deleted", object_type="x.y", object_id="2", label="b"
        )
    finally:
        executor = MigrationExecutor(connection)
        _migrate(executor.loader.graph.leaf_nodes())
    assert ChangeLogEntry.objects.get(pk=by_user.pk).actor == user.pk
    assert ChangeLogEntry.objects.get(pk=by_system.pk).actor is None
