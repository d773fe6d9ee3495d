"""Grants and the organisations of a municipal group."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from klimatkontrakt.funding.models import Grant, GroupOrganisation, RecipientKind
from tests.organisations.factories import MunicipalityFactory


class GroupOrganisationFactory(DjangoModelFactory[GroupOrganisation]):
    class Meta:
        model = GroupOrganisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Kommunbolag {n} AB")
    org_number = ""
    kind = RecipientKind.COMPANY


class GrantFactory(DjangoModelFactory[Grant]):
    """A grant of 100 000 SEK in 2024 counted in its municipality's portfolio."""

    class Meta:
        model = Grant

    funder_name = "Vinnova"
    reference = factory.Sequence(lambda n: f"2024-{n:05d}")
    title = factory.Sequence(lambda n: f"Projekt {n}")
    recipient_name = "Exempelkommun kommun"
    recipient_key = factory.LazyAttribute(lambda o: f"name:{o.recipient_name.casefold()}")
    year = 2024
    amount_sek = Decimal("100000")
    source = "template"
    source_name = "mall.csv"
    fetched_on = dt.date(2025, 1, 1)
    municipality = factory.SubFactory(MunicipalityFactory)
    recipient_kind = RecipientKind.MUNICIPALITY
    match = Grant.Match.NUMBER
    review = Grant.Review.AUTOMATIC
