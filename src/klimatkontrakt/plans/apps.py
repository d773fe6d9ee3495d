from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "klimatkontrakt.plans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from klimatkontrakt.organisations import sharing
        from klimatkontrakt.plans.models import ActionPlan

        sharing.register(sharing.Kind("action_plan", _("Action plan"), ActionPlan, "municipality"))
        from klimatkontrakt.organisations.personal_data import Source
        from klimatkontrakt.organisations.personal_data import register as register_source
        from klimatkontrakt.plans import personal_data
        from klimatkontrakt.web.modules import Module, register, register_link

        register_source(Source("plans", personal_data.export, personal_data.erase))
        register(Module("action_plans", _("Action plans"), "plans:list", 55))
        register_link("action", "plans:action")
