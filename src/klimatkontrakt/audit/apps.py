from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "klimatkontrakt.audit"
    verbose_name = _("Change log")
    default_auto_field = "django.db.models.BigAutoField"
