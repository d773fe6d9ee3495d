from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "klimatkontrakt.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from klimatkontrakt.followup import personal_data
        from klimatkontrakt.organisations.personal_data import Source
        from klimatkontrakt.organisations.personal_data import register as register_source
        from klimatkontrakt.web.modules import Module, register

        register_source(Source("followup", personal_data.export, personal_data.erase))

        register(Module("indicators", _("Indicators"), "followup:indicators", 50))
        register(Module("action_plans", _("Action plans"), "followup:plans", 55))
        register(Module("trainings", _("Training register"), "followup:trainings", 56))
        register(Module("goals", _("Goals and coordinators"), "followup:goals", 48))
