"""Calls for funding, and agencies and programme staff who enter them."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from klimatkontrakt.funding.models import Call
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.organisations.services import grant_role
from tests.organisations.factories import OrganisationFactory, UserFactory


class CallFactory(DjangoModelFactory[Call]):
    """An open call from a funder by name, closing in 20 days."""

    class Meta:
        model = Call

    funder_name = "Energimyndigheten"
    reference = factory.Sequence(lambda n: f"2026-{n:05d}")
    title = factory.Sequence(lambda n: f"Utlysning {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    source = Call.Source.TEMPLATE


def agency_editor(username: str = "agency-editor", slug: str = "energimyndigheten"):  # type: ignore[no-untyped-def]
    agency = OrganisationFactory(kind=Organisation.Kind.AGENCY, slug=slug, name=slug.capitalize())
    user = UserFactory(username=username)
    grant_role(user, agency, "editor")
    return user
