from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the published datasets as bulk CSV and JSON files with Frictionless data
    packages, the "Öppna data" page, and the DCAT-AP-SE catalogue the national data portal
    harvests."""

    name = "klimatkontrakt.opendata"
    verbose_name = _("Open data")
