from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "klimatkontrakt.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from klimatkontrakt.organisations import tokens
        from klimatkontrakt.organisations.personal_data import Source, register

        register(Source("api_tokens", tokens.export, tokens.erase))
