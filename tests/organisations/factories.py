"""Counties, organisations, municipalities, departments and users with a role."""

from typing import Any

import factory
from django.conf import settings
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password

from klimatkontrakt.organisations.models import County, Department, Municipality, Organisation
from klimatkontrakt.organisations.services import grant_role

PASSWORD = "a-long-test-password-1"
TFF = "Teknik- och fastighetsförvaltningen"


class CountyFactory(DjangoModelFactory[County]):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{10 + n % 90}")
    name = factory.LazyAttribute(lambda o: f"Län {o.code}")


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    kind = Organisation.Kind.OTHER
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name)[:100])


class DepartmentFactory(DjangoModelFactory[Department]):
    class Meta:
        model = Department

    municipality = factory.SubFactory("tests.organisations.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    short_name = ""
    kind = Department.Kind.ADMINISTRATION


class MunicipalityFactory(DjangoModelFactory[Municipality]):
    """A municipality with its organisation and one department, the technical administration
    (TFF) that plans and ledgers name; pass `tff=None` for a municipality without it."""

    class Meta:
        model = Municipality
        skip_postgeneration_save = True

    # No county has code 9x, so these never clash with a real code; tests use 9999 as unknown.
    code = factory.Sequence(lambda n: f"{9000 + n % 900}")
    name = factory.Sequence(lambda n: f"Exempelkommun {n}")
    county = factory.SubFactory(CountyFactory)
    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=Organisation.Kind.MUNICIPALITY,
        name=factory.LazyAttribute(lambda o: f"{o.factory_parent.name} kommun"),
        slug=factory.LazyAttribute(lambda o: f"kommun-{o.factory_parent.code}"),
    )
    tff = factory.RelatedFactory(
        DepartmentFactory,
        "municipality",
        name=TFF,
        short_name="TFF",
        kind=Department.Kind.ADMINISTRATION,
    )


class UserFactory(DjangoModelFactory[Any]):
    """A user who logs in with PASSWORD; `member_of=<municipality>` gives them a role there,
    an editor's unless `member_of__role` names another."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = Password(PASSWORD)

    @factory.post_generation
    def member_of(self, create: bool, extracted: Municipality | None, **kwargs: Any) -> None:
        if create and extracted is not None:
            grant_role(self, extracted.organisation, kwargs.get("role", "editor"))
