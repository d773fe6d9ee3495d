import pytest

from klimatkontrakt.footprint import selectors


@pytest.fixture(autouse=True)
def ledger_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Stored ledger lines go to a temporary directory in tests."""
    settings.LEDGER_DIR = tmp_path / "ledgers"
    selectors._CACHE.clear()
    return settings.LEDGER_DIR
