from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "klimatkontrakt.goals"
    verbose_name = _("Goals and coordinators")

    def ready(self) -> None:
        from klimatkontrakt.goals.models import GoalTeam
        from klimatkontrakt.organisations import sharing

        sharing.register(sharing.Kind("goal_team", _("Goal team"), GoalTeam, "goal__municipality"))
        from klimatkontrakt.goals import personal_data
        from klimatkontrakt.organisations.personal_data import Source
        from klimatkontrakt.organisations.personal_data import register as register_source
        from klimatkontrakt.web.modules import Module, register, register_link

        register_source(Source("goals", personal_data.export, personal_data.erase))
        register(
            Module(
                "goals",
                _("Goals and coordinators"),
                "goals:list",
                48,
                shows_kinds=("emission_goal",),
            )
        )
        register_link("goal", "goals:detail")
