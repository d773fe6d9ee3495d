from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    """Engagement beyond the municipal organisation: local climate contracts signed by companies,
    organisations and residents, and proposals from pupils and citizens tracked to an answer."""

    name = "klimatkontrakt.engagement"
    verbose_name = _("Engagement")

    def ready(self) -> None:
        from klimatkontrakt.engagement import personal_data
        from klimatkontrakt.organisations.personal_data import Source
        from klimatkontrakt.organisations.personal_data import register as register_source

        register_source(Source("engagement", personal_data.export, personal_data.erase))
        # Local climate contracts: modules and links.
        from klimatkontrakt.web.modules import Module, register, register_link

        register(
            Module("local_contracts", _("Local climate contracts"), "engagement:lc_public", 57)
        )
        register_link("local_contracts", "engagement:lc_public")

        # Proposals: modules and links.
        from klimatkontrakt.web.modules import Module, register, register_link

        register(Module("proposals", _("Proposals"), "engagement:proposals", 75))
        register_link("proposals", "engagement:proposals")
