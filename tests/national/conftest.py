"""The national level's people and the year's common part, made through the services."""

import pytest

from klimatkontrakt.contracts import common_services
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.organisations.services import grant_role
from tests.organisations.factories import OrganisationFactory


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
