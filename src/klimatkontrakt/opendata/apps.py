from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the published datasets as bulk CSV and JSON files with Frictionless data
    packages, the "Öppna data" page, and the DCAT-AP-SE catalogue the national data portal
    harvests."""

    name = "klimatkontrakt.opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from klimatkontrakt.organisations.access import can_admin
        from klimatkontrakt.web.modules import Module, register

        # The catalogue's facts about the municipality, for its administrators.
        register(
            Module(
                "open_data_catalogue",
                _("Open data catalogue"),
                "opendata-dcat-facts",
                92,
                visible=can_admin,
            )
        )
