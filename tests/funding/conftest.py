import pytest

from tests.funding.grant_factories import GrantFactory, GroupOrganisationFactory


@pytest.fixture
def grant_factory(db):  # type: ignore[no-untyped-def]
    return GrantFactory


@pytest.fixture
def group_organisation_factory(db):  # type: ignore[no-untyped-def]
    return GroupOrganisationFactory


@pytest.fixture
def site_admin(user_factory):  # type: ignore[no-untyped-def]
    return user_factory(username="siteadmin", is_superuser=True, is_staff=True)
