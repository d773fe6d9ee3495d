from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    """National funding: each city's portfolio of grants from the agencies (grants), and the
    open calls that fit its unfunded measures (calls)."""

    name = "klimatkontrakt.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        # Grants: modules and links.
        from klimatkontrakt.web.modules import Module, register, register_link

        register(Module("grants", _("Grants"), "funding:grants", 45))
        register_link("national_grants", "funding:national_grants")

        # Calls: modules and links.
        from klimatkontrakt.web.modules import Module, register, register_link

        register(
            Module(
                key="calls", label=_("Calls that fit"), url_name="funding:calls-fitting", order=45
            )
        )
        register_link("calls_fitting", "funding:calls-fitting")
        return None
