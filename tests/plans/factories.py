"""Action plans, the municipality's action statuses and actions."""

import factory
from factory.django import DjangoModelFactory

from klimatkontrakt.plans.models import Action, ActionPlan, ActionStatus
from tests.organisations.factories import MunicipalityFactory


class ActionPlanFactory(DjangoModelFactory[ActionPlan]):
    class Meta:
        model = ActionPlan

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = ActionPlan.Kind.ENERGY_CLIMATE
    title = factory.Sequence(lambda n: f"Handlingsplan {n}")
    owner_name = "Klimatsamordnare"


class ActionStatusFactory(DjangoModelFactory[ActionStatus]):
    """The municipality's status `key`, made once and then reused."""

    class Meta:
        model = ActionStatus
        django_get_or_create = ("municipality", "key")

    municipality = factory.SubFactory(MunicipalityFactory)
    key = "ongoing"
    name_sv = "Pågår"
    name_en = "Ongoing"


class ActionFactory(DjangoModelFactory[Action]):
    class Meta:
        model = Action

    plan = factory.SubFactory(ActionPlanFactory)
    identifier = factory.Sequence(lambda n: f"A{n + 1}")
    title = factory.Sequence(lambda n: f"Aktivitet {n + 1}")
    status = factory.SubFactory(
        ActionStatusFactory, municipality=factory.SelfAttribute("..plan.municipality")
    )
