from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "klimatkontrakt.audit"
    verbose_name = _("Change log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from klimatkontrakt.audit import personal_data, signals
        from klimatkontrakt.organisations.access import can_admin
        from klimatkontrakt.organisations.personal_data import Source
        from klimatkontrakt.organisations.personal_data import register as register_source
        from klimatkontrakt.web.modules import Module, register

        signals.connect()
        register_source(Source("change_log", personal_data.export, personal_data.erase))
        register(Module("change_log", _("Change log"), "audit:log", 90, visible=can_admin))
