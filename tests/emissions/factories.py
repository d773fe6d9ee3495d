"""Emission goals."""

import factory
from factory.django import DjangoModelFactory

from klimatkontrakt.emissions.models import Goal
from tests.organisations.factories import MunicipalityFactory


class GoalFactory(DjangoModelFactory[Goal]):
    """A territorial goal for greenhouse gases by 2030, as a level in tonnes a year; give
    `share_of_base` and `base_year` (with `level_t=None`) for a goal relative to a base year."""

    class Meta:
        model = Goal

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Mål {n}")
    gas = "GGT"
    scope = Goal.Scope.TERRITORIAL
    target_year = 2030
    level_t = 1000.0
