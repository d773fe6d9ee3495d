from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "klimatkontrakt.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from klimatkontrakt.indicators.models import Indicator
        from klimatkontrakt.organisations import sharing

        sharing.register(sharing.Kind("indicator", _("Indicator"), Indicator, "municipality"))
        from klimatkontrakt.web.modules import Module, register, register_link

        register(Module("indicators", _("Indicators"), "indicators:list", 50))
        register_link("indicator", "indicators:detail")
