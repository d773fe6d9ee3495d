from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """The migration history of the tables that indicators, plans, goals and training now own.

    It holds no models: migration 0006 hands their state to those apps without touching a row
    (docs/decisions.md, "The follow-up split"). Kept so that a database migrated before the split
    migrates forward; a squash can retire it once no such database remains.
    """

    name = "klimatkontrakt.followup"
    verbose_name = _("Follow-up")
