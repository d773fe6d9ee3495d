from collections.abc import Iterator

import pytest

from tests.kolada_server import FakeKolada, fake_kolada


@pytest.fixture
def kolada(settings, tmp_path) -> Iterator[FakeKolada]:
    """A loopback Kolada, and settings pointing the application's client at it."""
    with fake_kolada() as fake:
        settings.KOLADA_BASE_URL = fake.base_url
        settings.KOLADA_CACHE_DIR = tmp_path / "kolada-cache"
        settings.KOLADA_TIMEOUT = 5
        yield fake
