from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "klimatkontrakt.national"
    verbose_name = _("The national level")

    def ready(self) -> None:
        from klimatkontrakt.web.modules import register_link

        # A city's contract page links its common sections to the year's common part.
        register_link("common_part", "national:part")
        register_link("national_organisation", "national:organisation")
        register_link("national", "national:index")
        register_link("national_agency", "national:agency")
