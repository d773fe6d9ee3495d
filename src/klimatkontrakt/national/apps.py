from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "klimatkontrakt.national"
    verbose_name = _("The national level")
