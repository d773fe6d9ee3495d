"""Indicators with their yearly values and targets."""

from datetime import UTC, datetime
from typing import Any

import factory
from factory.django import DjangoModelFactory

from klimatkontrakt.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from tests.organisations.factories import MunicipalityFactory

FETCHED = datetime(2025, 1, 1, tzinfo=UTC)


class IndicatorValueFactory(DjangoModelFactory[IndicatorValue]):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory("tests.indicators.factories.IndicatorFactory")
    year = 2024
    value = 1.0
    provenance = "hand"
    fetched_at = FETCHED


class IndicatorTargetFactory(DjangoModelFactory[IndicatorTarget]):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory("tests.indicators.factories.IndicatorFactory")
    year = 2030
    value = 0.0


class IndicatorFactory(DjangoModelFactory[Indicator]):
    """An indicator entered by hand. `values={year: value}` adds its values (provenance and
    fetch time from `values__provenance` and `values__fetched_at`), `targets={year: value}` its
    targets."""

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "%"
    direction = Indicator.Direction.UP

    @factory.post_generation
    def values(self, create: bool, extracted: dict[int, float] | None, **kwargs: Any) -> None:
        for year, value in (extracted or {}).items():
            IndicatorValueFactory(indicator=self, year=year, value=value, **kwargs)

    @factory.post_generation
    def targets(self, create: bool, extracted: dict[int, float] | None, **kwargs: Any) -> None:
        for year, value in (extracted or {}).items():
            IndicatorTargetFactory(indicator=self, year=year, value=value, **kwargs)
