"""The training register: climate trainings held for boards, committees and staff.

The table keeps the name it had in the former follow-up app (docs/decisions.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import Department, Municipality


class Training(models.Model):
    """A climate training held: for a board or committee, or for staff, with its concept."""

    class Audience(models.TextChoices):
        BODY = "body", _("Board or committee")
        STAFF = "staff", _("Staff")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="trainings"
    )
    held_on = models.DateField(_("date"))
    concept = models.CharField(
        _("training concept"), max_length=200, help_text=_("The course or concept used.")
    )
    audience = models.CharField(_("trained"), max_length=10, choices=Audience.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("board, committee or department"),
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        db_table = "followup_training"
        ordering = ["municipality", "-held_on", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        return f"{self.held_on} {self.concept}"
