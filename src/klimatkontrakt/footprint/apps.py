from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FootprintConfig(AppConfig):
    name = "klimatkontrakt.footprint"
    verbose_name = _("Purchase footprint")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from klimatkontrakt.footprint.models import Ledger
        from klimatkontrakt.organisations import sharing

        sharing.register(
            sharing.Kind(
                "ledger",
                _("Purchase ledger"),
                Ledger,
                "municipality",
                published="published",
                prepare=_prepare_visibility,
            )
        )
        from klimatkontrakt.web.modules import Module, register

        register(Module("footprint", _("Purchases"), "footprint:overview", 40))


def _prepare_visibility(item: Any, visibility: str) -> list[str]:
    """The app's rule for a visibility change, its services loaded only when it is used."""
    from klimatkontrakt.footprint.services import prepare_visibility

    return prepare_visibility(item, visibility)
