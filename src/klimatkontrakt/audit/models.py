"""The change log: who did what to which object of a municipality, and when.

One record for every write by a person (model signals, audit/signals.py) and for the summaries
services write themselves (imports and their undo). It names the actor by account id only — a
plain number, no link to the account, no copied name or e-mail — so erasing a person (GDPR)
deletes the account and leaves the history as it was: "account 17 (erased)". The name is shown
only while the account exists. Before and after hold the changed fields only (audit/values.py
lists what is never recorded).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import Municipality


class ChangeLogEntry(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("changed")
        DELETED = "deleted", _("deleted")
        IMPORTED = "imported", _("imported")
        IMPORT_DELETED = "import_deleted", _("import removed")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_log",
        verbose_name=_("municipality"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # The account's id, kept after the account is erased; null for the system (commands).
    actor = models.PositiveBigIntegerField(_("account"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # "<app label>.<model name>", e.g. "footprint.ledgerimport": the object may be gone.
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    label = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["municipality", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"
