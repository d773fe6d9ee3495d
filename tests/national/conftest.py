"""The national level's people and the year's common part, made through the services."""

import pytest

from klimatkontrakt.audit.context import acting_as
from klimatkontrakt.contracts import common_services
from klimatkontrakt.contracts import services as contract_services
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.organisations.services import grant_role
from tests.indicators.factories import IndicatorFactory
from tests.national.report_setup import SECRET
from tests.organisations.factories import OrganisationFactory
from tests.plans.factories import ActionPlanFactory


@pytest.fixture
def programme(db):
    return OrganisationFactory(
        kind=Organisation.Kind.PROGRAMME, name="Viable Cities", slug="viable-cities"
    )


@pytest.fixture
def formas(db):
    return OrganisationFactory(kind=Organisation.Kind.AGENCY, name="Formas", slug="formas")


@pytest.fixture
def vinnova(db):
    return OrganisationFactory(kind=Organisation.Kind.AGENCY, name="Vinnova", slug="vinnova")


@pytest.fixture
def programme_editor(user_factory, programme):
    user = user_factory(username="programkontoret")
    grant_role(user, programme, "editor")
    return user


@pytest.fixture
def formas_editor(user_factory, formas):
    user = user_factory(username="formas-redaktor")
    grant_role(user, formas, "editor")
    return user


@pytest.fixture
def vinnova_editor(user_factory, vinnova):
    user = user_factory(username="vinnova-redaktor")
    grant_role(user, vinnova, "editor")
    return user


@pytest.fixture
def common_2024(programme_editor, programme, formas, vinnova):
    """The 2024 common part, a draft: texts in two sections, a commitment of the programme and
    one of the agencies jointly led by Formas and one led by Vinnova."""
    part = common_services.start_common_part(programme_editor, 2024)
    sections = {s.key: s for s in part.sections.all()}
    common_services.update_common_section(
        programme_editor, sections["viable_cities"], "Programmet samordnar kontrakten."
    )
    common_services.update_common_section(
        programme_editor, sections["contract"], "Åtagandena gäller för 2024."
    )
    for section, owner, joint, title in [
        ("viable_cities", programme, False, "Samordning"),
        ("agencies", formas, True, "Policylabb"),
        ("agencies", vinnova, True, "Systemdemonstratorer"),
    ]:
        common_services.create_common_commitment(
            programme_editor,
            part,
            common_services.CommonCommitmentInput(
                section=sections[section], owner=owner, joint=joint, title=title
            ),
        )
    return part


# The national report's tests (test_report_*.py) ----------------------------------------------


@pytest.fixture
def contract_cities(karlstad, other_municipality, contract_version_factory):
    for m in (karlstad, other_municipality):
        m.in_climate_contract = True
        m.save()
    version = contract_version_factory(municipality=karlstad, year=2024)
    with acting_as(SYSTEM):
        contract_services.sign_version(SYSTEM, version)
    IndicatorFactory(
        municipality=karlstad, is_published=True, values={2023: 1.0, 2024: 2.0}, targets={2030: 9}
    )
    ActionPlanFactory(municipality=karlstad, is_published=False, title=SECRET)
    return [karlstad, other_municipality]


@pytest.fixture
def fixed_2024(common_2024, programme_editor):
    return common_services.fix_common_part(programme_editor, common_2024)


@pytest.fixture
def agency_viewer(user_factory, formas):
    user = user_factory(username="formas-lasare")
    grant_role(user, formas, "viewer")
    return user


@pytest.fixture
def national_setup(contract_cities, fixed_2024):
    return contract_cities


@pytest.fixture
def smhi_cities(db, shared_data, fixed_2024):
    """Karlstad (a signed 2024 contract, a published indicator) and Stockholm as contract
    cities among SCB's municipalities, with SMHI's emission report imported."""
    from klimatkontrakt.emissions import services as emission_services
    from klimatkontrakt.organisations.models import Municipality
    from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
    from tests.contracts.factories import ContractVersionFactory

    import_municipalities(BUNDLED_CODE_LIST)
    emission_services.import_report(shared_data / "df_municipalities_2022.xlsx")
    Municipality.objects.filter(code__in=["1780", "0180"]).update(in_climate_contract=True)
    karlstad = Municipality.objects.get(code="1780")
    version = ContractVersionFactory(municipality=karlstad, year=2024, commitments=3)
    with acting_as(SYSTEM):
        contract_services.sign_version(SYSTEM, version)
    IndicatorFactory(
        municipality=karlstad, is_published=True, values={2023: 1.0, 2024: 2.0}, targets={2030: 9}
    )
    ActionPlanFactory(municipality=karlstad, is_published=False, title=SECRET)
    return karlstad
