from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FootprintConfig(AppConfig):
    name = "klimatkontrakt.footprint"
    verbose_name = _("Purchase footprint")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from klimatkontrakt.footprint.models import Ledger
        from klimatkontrakt.footprint.services import prepare_visibility
        from klimatkontrakt.organisations import sharing

        sharing.register(
            sharing.Kind(
                "ledger",
                _("Purchase ledger"),
                Ledger,
                "municipality",
                published="published",
                prepare=prepare_visibility,
            )
        )
        from klimatkontrakt.web.modules import Module, register

        register(Module("footprint", _("Purchases"), "footprint:overview", 40))
