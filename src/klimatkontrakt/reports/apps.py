from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "klimatkontrakt.reports"
    verbose_name = _("Follow-up reports")

    def ready(self) -> None:
        from klimatkontrakt.web.modules import Module, register

        register(Module("reports", _("Follow-up"), "reports:list", 60))
