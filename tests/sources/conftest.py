from collections.abc import Iterator

import pytest

from tests.kolada_server import FakeKolada, fake_kolada


@pytest.fixture
def kolada() -> Iterator[FakeKolada]:
    """A loopback server answering like Kolada v3 from tests/sources/fixtures/kolada."""
    with fake_kolada() as fake:
        yield fake
