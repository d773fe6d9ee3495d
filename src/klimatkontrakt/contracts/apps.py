from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "klimatkontrakt.contracts"
    verbose_name = _("Climate contracts")

    def ready(self) -> None:
        from klimatkontrakt.web.modules import Module, register

        register(Module("contract", _("Climate contract"), "contracts:latest", 10))
