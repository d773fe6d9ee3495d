"""Investment plans and their measures."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from klimatkontrakt.investments.models import InvestmentPlan, Measure
from tests.organisations.factories import MunicipalityFactory


class InvestmentPlanFactory(DjangoModelFactory[InvestmentPlan]):
    """A plan for the municipal group from 2025 to 2030, without baseline or budget."""

    class Meta:
        model = InvestmentPlan

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Investeringsplan {n}")
    scope = InvestmentPlan.Scope.GROUP
    base_year = 2025
    end_year = 2030


class MeasureFactory(DjangoModelFactory[Measure]):
    """An investment of 1 MSEK from 2026 that saves 50 000 SEK and 100 t CO2e a year."""

    class Meta:
        model = Measure

    plan = factory.SubFactory(InvestmentPlanFactory)
    name = factory.Sequence(lambda n: f"Åtgärd {n}")
    sector = "electricity"
    start_year = 2026
    lifetime_years = 20
    capex_sek = Decimal("1000000")
    opex_change_sek_per_year = Decimal("-50000")
    reduction_t_per_year = Decimal("100")
