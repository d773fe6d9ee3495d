"""The national yearly follow-up report (NationalReport): Viable Cities' basis for the annual
follow-up of all contract cities; a draft, then a frozen, approved snapshot, then published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NationalReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    is_published = models.BooleanField(_("published"), default=False)
    # Everything the report shows, gathered as the public reads it; frozen once approved.
    data = models.JSONField(_("gathered data"), default=dict)
    # The rendered print HTML per language, kept at approval so the PDF re-renders identically.
    html_sv = models.TextField(blank=True)
    html_en = models.TextField(blank=True)
    gathered_at = models.DateTimeField(_("gathered at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("national follow-up report")
        verbose_name_plural = _("national follow-up reports")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(state="approved"),
                name="only_approved_national_reports_published",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000) & models.Q(year__lte=2100),
                name="national_report_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.state})"

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED
