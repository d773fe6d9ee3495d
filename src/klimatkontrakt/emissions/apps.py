from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmissionsConfig(AppConfig):
    name = "klimatkontrakt.emissions"
    verbose_name = _("Emissions")

    def ready(self) -> None:
        from klimatkontrakt.emissions.models import CarbonBudget, Goal
        from klimatkontrakt.organisations import sharing

        sharing.register(
            sharing.Kind("carbon_budget", _("Carbon budget"), CarbonBudget, "municipality")
        )
        sharing.register(sharing.Kind("emission_goal", _("Emission goal"), Goal, "municipality"))
        from klimatkontrakt.web.modules import Module, register, register_link

        register(Module("emissions", _("Emissions and budget"), "emissions:page", 20))
        register_link("emissions", "emissions:page")
