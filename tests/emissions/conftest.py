from pathlib import Path

import pytest

from klimatkontrakt.emissions import demo, services
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities


@pytest.fixture
def municipalities(db):  # type: ignore[no-untyped-def]
    import_municipalities(BUNDLED_CODE_LIST)


@pytest.fixture
def demo_emissions(municipalities):  # type: ignore[no-untyped-def]
    return demo.load_demo_emissions()


@pytest.fixture(scope="session")
def co2_file(shared_data: Path) -> Path:
    return shared_data / "df_municipalities_2022.xlsx"


@pytest.fixture
def co2_release(municipalities, co2_file):  # type: ignore[no-untyped-def]
    return services.import_report(co2_file).release


@pytest.fixture
def karlstad_editor(municipalities, user_factory):  # type: ignore[no-untyped-def]
    from klimatkontrakt.organisations.models import Municipality

    return user_factory(
        username="utslapp-redaktor", member_of=Municipality.objects.get(code="1780")
    )


@pytest.fixture
def stockholm_editor(municipalities, user_factory):  # type: ignore[no-untyped-def]
    from klimatkontrakt.organisations.models import Municipality

    return user_factory(username="sthlm-redaktor", member_of=Municipality.objects.get(code="0180"))
