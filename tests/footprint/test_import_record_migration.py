"""Ledger imports take the shared record's field names by renaming columns: rows are kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from klimatkontrakt.footprint.models import LedgerImport

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("footprint", "0002_free_text_notes_and_sources")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_a_ledger_import_stored_before_the_rename_is_read_after_it():
    old = _migrate(BEFORE)
    try:
        county = old.get_model("organisations", "County").objects.create(code="17", name="Värmland")
        org = old.get_model("organisations", "Organisation").objects.create(
            kind="municipality", name="Karlstads kommun", slug="karlstad"
        )
        muni = old.get_model("organisations", "Municipality").objects.create(
            code="1780", name="Karlstad", county=county, organisation=org
        )
        ledger = old.get_model("footprint", "Ledger").objects.create(municipality=muni, name="LR")
        old.get_model("footprint", "LedgerImport").objects.create(
            ledger=ledger,
            file_name="lr_2023.csv",
            content_hash="ab" * 16,
            parquet="1780/x.parquet",
            lines=42,
        )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    item = LedgerImport.objects.get()
    assert (item.filename, item.sha256, item.rows) == ("lr_2023.csv", "ab" * 16, 42)
    assert item.imported_at is not None and item.ledger.name == "LR"
