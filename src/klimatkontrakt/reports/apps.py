from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "klimatkontrakt.reports"
    verbose_name = _("Follow-up reports")

    def ready(self) -> None:
        from klimatkontrakt.organisations import sharing
        from klimatkontrakt.reports.models import FollowUpReport

        sharing.register(
            sharing.Kind(
                "follow_up_report",
                _("Follow-up report"),
                FollowUpReport,
                "municipality",
                prepare=_prepare_visibility,
            )
        )
        from klimatkontrakt.web.modules import Module, register

        register(Module("reports", _("Follow-up"), "reports:list", 60))


def _prepare_visibility(item: Any, visibility: str) -> list[str]:
    """The app's rule for a visibility change, its services loaded only when it is used."""
    from klimatkontrakt.reports.services import prepare_visibility

    return prepare_visibility(item, visibility)
