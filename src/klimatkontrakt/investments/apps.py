from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentsConfig(AppConfig):
    name = "klimatkontrakt.investments"
    verbose_name = _("Climate investment plan")

    def ready(self) -> None:
        from klimatkontrakt.investments.models import InvestmentPlan
        from klimatkontrakt.organisations import sharing

        sharing.register(
            sharing.Kind("investment_plan", _("Investment plan"), InvestmentPlan, "municipality")
        )
        from klimatkontrakt.web.modules import Module, register, register_link

        register(
            Module(
                key="investments",
                label=_("Investment plan"),
                url_name="investments:plans",
                order=40,
            )
        )
        register_link("investment_measures", "investments:measures")
