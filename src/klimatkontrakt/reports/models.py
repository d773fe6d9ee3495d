"""The yearly follow-up report (FollowUpReport): a draft, then a frozen, approved snapshot."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.sharing import shared_field


class FollowUpReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="followup_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    is_published = models.BooleanField(_("published"), default=False)
    shared_with_programme = shared_field()
    # Everything the report shows, gathered from the other apps; frozen once approved.
    data = models.JSONField(_("gathered data"), default=dict)
    # The rendered print HTML per language, kept at approval so the PDF re-renders identically.
    html_sv = models.TextField(blank=True)
    html_en = models.TextField(blank=True)
    gathered_at = models.DateTimeField(_("gathered at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
        ordering = ["municipality", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_report_per_year"),
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(state="approved"),
                name="only_approved_reports_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.code} {self.year} ({self.state})"

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED
