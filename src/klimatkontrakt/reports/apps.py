from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "klimatkontrakt.reports"
    verbose_name = _("Follow-up reports")

    def ready(self) -> None:
        from klimatkontrakt.organisations import sharing
        from klimatkontrakt.reports.models import FollowUpReport
        from klimatkontrakt.reports.services import prepare_visibility

        sharing.register(
            sharing.Kind(
                "follow_up_report",
                _("Follow-up report"),
                FollowUpReport,
                "municipality",
                prepare=prepare_visibility,
            )
        )
        from klimatkontrakt.web.modules import Module, register

        register(Module("reports", _("Follow-up"), "reports:list", 60))
