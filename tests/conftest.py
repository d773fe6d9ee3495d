import re
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import demo_snapshot as demo_snapshots
from tests.a11y import browser  # noqa: F401  (one Chromium for the whole session)
from tests.contracts.factories import CommitmentInputFactory, ContractVersionFactory
from tests.emissions.factories import GoalFactory
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)
from tests.investments.factories import InvestmentPlanFactory, MeasureFactory
from tests.organisations.factories import DepartmentFactory, MunicipalityFactory, UserFactory
from tests.plans.factories import ActionFactory, ActionPlanFactory, ActionStatusFactory

# Property tests carry no time limit (brief: never a time limit inside a test): hypothesis's
# default 200 ms deadline and its "input generation is slow" check fail on a busy machine.
hypothesis_settings.register_profile(
    "klimatkontrakt", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("klimatkontrakt")

# Fixtures of tests without a conftest of their own: proposals (tests/engagement) and the open
# data catalogue's release (tests/opendata).
pytest_plugins = ["tests.engagement.proposal_factories", "tests.opendata.catalogue_release"]

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    """Files marked slow first (a stable sort keeps each file's tests together and in order):
    with `--dist loadfile` they start at once on every worker and the short files fill the gaps,
    instead of one long file starting last and running alone.
    A test that cannot reach a database is marked `no_database` (CI runs it on SQLite only)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    for item in items:
        if not _reaches_a_database(item):
            item.add_marker(pytest.mark.no_database)


# What a module names when its tests reach a database other than through pytest-django's
# fixtures: an installation of its own (a subprocess, tests/live_install.py), the database
# settings or a driver.
_OTHER_WAYS_TO_A_DATABASE = re.compile(
    r"live_install|demo_snapshot|subprocess|DATABASE|psycopg|postgres|sqlite|connection"
)
_MODULE_REACHES: dict[str, bool] = {}


def _reaches_a_database(item) -> bool:  # type: ignore[no-untyped-def]
    """True unless the test provably works without one: pytest-django refuses database access
    to a test that has neither the `django_db` marker nor a fixture built on `django_db_setup`
    (db, transactional_db, module_db, demo, live_server...), and its module names no other way
    to a database."""
    if item.get_closest_marker("django_db") or "django_db_setup" in item.fixturenames:
        return True
    path = str(item.path)
    if path not in _MODULE_REACHES:
        source = item.path.read_text(encoding="utf-8")
        _MODULE_REACHES[path] = bool(_OTHER_WAYS_TO_A_DATABASE.search(source))
    return _MODULE_REACHES[path]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """Real hashing costs about a second per user here; tests don't need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):  # type: ignore[no-untyped-def]
    """Tasks run inside the request in tests; tests/jobs runs the database worker itself."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _own_cache(settings):  # type: ignore[no-untyped-def]
    """Each test has an empty page cache of its own (web/cache.py), in memory."""
    import uuid

    location = uuid.uuid4().hex
    settings.CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"{name}-{location}",
            "TIMEOUT": None,
        }
        for name in ("default", "versions")
    }


@pytest.fixture(autouse=True)
def _own_open_data_dir(request, settings, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Open data files (opendata/) go to a folder of the test's own; a test on the demo reads
    a copy of the demo's files (the demo builds them), as its database holds the demo's rows."""
    if "demo" in request.fixturenames:
        settings.OPENDATA_DIR = request.getfixturevalue("demo_open_data")
    else:
        settings.OPENDATA_DIR = tmp_path_factory.mktemp("opendata")


@pytest.fixture(autouse=True)
def _api_rate_limits_out_of_reach(settings):  # type: ignore[no-untyped-def]
    """The fuzzer and the crawls send thousands of API requests; tests/api/test_api_http.py
    lowers the limits to test them."""
    settings.API_RATE_LIMIT_AUTHENTICATED = 1_000_000
    settings.API_RATE_LIMIT_ANONYMOUS = 1_000_000


@pytest.fixture(autouse=True)
def _swedish_interface():  # type: ignore[no-untyped-def]
    """Each test starts in the default language; one test's English must not leak into the next."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public files in ../shared/data; tests using them skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data not found at {SHARED_DATA}: real-file tests need it")
    return SHARED_DATA


# Rows shared by a module's tests ------------------------------------------------------------


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """A transaction around one module: what a module-scoped fixture writes in it is built once
    and rolled back after the module's last test. Each test still runs in its own savepoint
    (pytest-django's `db`), so a test's writes are gone before the next test starts.
    Only for modules whose database tests all want the shared rows."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory):  # type: ignore[no-untyped-def]
    """`klimatkontrakt migrate` and `demo` run once per test process (tests/demo_snapshot.py)."""
    with demo_snapshots.build(tmp_path_factory.mktemp("demo-snapshot")) as snapshot:
        yield snapshot


@pytest.fixture(scope="module")
def demo(module_db, demo_snapshot, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The whole demo, as `klimatkontrakt demo` loads it into a new installation, for the
    module: the database holds the snapshot's rows, LEDGER_DIR a copy of its ledger files."""
    from django.db import connection

    from klimatkontrakt.footprint import selectors

    ledgers = demo_snapshots.copy_ledgers(demo_snapshot, tmp_path_factory.mktemp("demo-ledgers"))
    with override_settings(LEDGER_DIR=ledgers):
        demo_snapshots.restore(connection, demo_snapshot)
        yield
    selectors._CACHE.clear()


@pytest.fixture(scope="module")
def demo_open_data(demo_snapshot, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A copy of the open data files the demo built, for a module on the demo."""
    import shutil

    target = tmp_path_factory.mktemp("demo-opendata") / "opendata"
    source = demo_snapshot.inst.var_dir / "opendata"
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        target.mkdir()
    return target


# Factories, one fixture per factory class ---------------------------------------------------


@pytest.fixture
def municipality_factory(db):  # type: ignore[no-untyped-def]
    return MunicipalityFactory


@pytest.fixture
def department_factory(db):  # type: ignore[no-untyped-def]
    return DepartmentFactory


@pytest.fixture
def user_factory(db):  # type: ignore[no-untyped-def]
    return UserFactory


@pytest.fixture
def contract_version_factory(db):  # type: ignore[no-untyped-def]
    return ContractVersionFactory


@pytest.fixture
def commitment_input_factory(db):  # type: ignore[no-untyped-def]
    return CommitmentInputFactory


@pytest.fixture
def goal_factory(db):  # type: ignore[no-untyped-def]
    return GoalFactory


@pytest.fixture
def indicator_factory(db):  # type: ignore[no-untyped-def]
    return IndicatorFactory


@pytest.fixture
def indicator_value_factory(db):  # type: ignore[no-untyped-def]
    return IndicatorValueFactory


@pytest.fixture
def indicator_target_factory(db):  # type: ignore[no-untyped-def]
    return IndicatorTargetFactory


@pytest.fixture
def investment_plan_factory(db):  # type: ignore[no-untyped-def]
    return InvestmentPlanFactory


@pytest.fixture
def measure_factory(db):  # type: ignore[no-untyped-def]
    return MeasureFactory


@pytest.fixture
def action_plan_factory(db):  # type: ignore[no-untyped-def]
    return ActionPlanFactory


@pytest.fixture
def action_status_factory(db):  # type: ignore[no-untyped-def]
    return ActionStatusFactory


@pytest.fixture
def action_factory(db):  # type: ignore[no-untyped-def]
    return ActionFactory


# The people and places most tests share ------------------------------------------------------


@pytest.fixture
def karlstad(municipality_factory):  # type: ignore[no-untyped-def]
    return municipality_factory(
        code="1780", name="Karlstad", county__code="17", county__name="Värmlands län"
    )


@pytest.fixture
def other_municipality(municipality_factory):  # type: ignore[no-untyped-def]
    return municipality_factory(
        code="0180", name="Stockholm", county__code="01", county__name="Stockholms län"
    )


@pytest.fixture
def editor(user_factory, karlstad):  # type: ignore[no-untyped-def]
    return user_factory(username="editor", member_of=karlstad)


@pytest.fixture
def admin_user(user_factory, karlstad):  # type: ignore[no-untyped-def]
    return user_factory(username="kommunadmin", member_of=karlstad, member_of__role="admin")


@pytest.fixture
def viewer(user_factory, karlstad):  # type: ignore[no-untyped-def]
    return user_factory(username="viewer", member_of=karlstad, member_of__role="viewer")


@pytest.fixture
def outsider(user_factory, other_municipality):  # type: ignore[no-untyped-def]
    """An editor of another municipality: must never read or write Karlstad's drafts."""
    return user_factory(username="outsider", member_of=other_municipality)


@pytest.fixture
def version_2023(contract_version_factory, karlstad):  # type: ignore[no-untyped-def]
    return contract_version_factory(municipality=karlstad, year=2023)


@pytest.fixture
def editor_client(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client
