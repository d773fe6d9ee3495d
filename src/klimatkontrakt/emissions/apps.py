from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmissionsConfig(AppConfig):
    name = "klimatkontrakt.emissions"
    verbose_name = _("Emissions")

    def ready(self) -> None:
        from klimatkontrakt.web.modules import Module, register

        register(Module("emissions", _("Emissions and budget"), "emissions:page", 20))
