from pathlib import Path

import pytest

from tests import factories
from tests.a11y import browser  # noqa: F401  (one Chromium for the whole session)

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """Real hashing costs about a second per user here; tests don't need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish_interface():  # type: ignore[no-untyped-def]
    """Each test starts in the default language; one test's English must not leak into the next."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture
def shared_data() -> Path:
    """The real public files in ../shared/data; tests using them skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data not found at {SHARED_DATA}: real-file tests need it")
    return SHARED_DATA


@pytest.fixture
def karlstad(db):  # type: ignore[no-untyped-def]
    return factories.municipality("1780", "Karlstad", "17", "Värmlands län")


@pytest.fixture
def other_municipality(db):  # type: ignore[no-untyped-def]
    return factories.municipality("0180", "Stockholm", "01", "Stockholms län")


@pytest.fixture
def editor(karlstad):  # type: ignore[no-untyped-def]
    return factories.user("editor", karlstad, "editor")


@pytest.fixture
def admin_user(karlstad):  # type: ignore[no-untyped-def]
    return factories.user("kommunadmin", karlstad, "admin")


@pytest.fixture
def viewer(karlstad):  # type: ignore[no-untyped-def]
    return factories.user("viewer", karlstad, "viewer")


@pytest.fixture
def outsider(other_municipality):  # type: ignore[no-untyped-def]
    """An editor of another municipality: must never read or write Karlstad's drafts."""
    return factories.user("outsider", other_municipality, "editor")


@pytest.fixture
def version_2023(karlstad):  # type: ignore[no-untyped-def]
    return factories.contract_version(karlstad, 2023)


@pytest.fixture
def editor_client(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client
