"""Calls for funding (utlysningar), the applications a city records on its measures, and the
digest notices already sent (docs/funding.md, "Calls")."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.imports import FileImport
from klimatkontrakt.investments.models import Funding, Measure
from klimatkontrakt.organisations.models import Organisation


class CallImport(FileImport):
    """A file of calls taken in; the same file again (by hash) changes nothing."""

    source = models.CharField(_("source"), max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sha256"], name="unique_call_import")]
        verbose_name = _("call import")
        verbose_name_plural = _("call imports")


class Call(models.Model):
    class Source(models.TextChoices):
        VINNOVA = "vinnova", _("Vinnova's open data")
        COMMON_API = "common-api", _("The agencies' common API")
        TEMPLATE = "template", _("Template file")
        ENTRY = "entry", _("Entered by hand")

    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("funder (agency)"),
    )
    funder_name = models.CharField(_("funder"), max_length=200)
    reference = models.CharField(_("funder's reference"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    closes_on = models.DateField(_("closes"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_note = models.CharField(_("file or address"), max_length=500, blank=True)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    source_import = models.ForeignKey(
        CallImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["closes_on", "funder_name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["funder_name", "reference"],
                condition=~models.Q(reference=""),
                name="unique_call_reference",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="call_closes_after_opening",
            ),
        ]
        verbose_name = _("call for funding")
        verbose_name_plural = _("calls for funding")

    def __str__(self) -> str:
        return f"{self.funder_name}: {self.title}"


class Application(models.Model):
    """A city's application to a call for one of its measures; a grant flows into the
    measure's funding (investments.Funding, state granted)."""

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="applications")
    amount_sek = models.DecimalField(
        _("amount applied for or granted (SEK)"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    applied_on = models.DateField(_("applied on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    funding = models.ForeignKey(
        Funding, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["call__closes_on", "measure__name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "measure"], name="unique_call_application")
        ]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.measure}: {self.call} ({self.state})"


class CallNotice(models.Model):
    """A call already named in a measure's digest: each call is sent once per measure."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="notices")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="call_notices")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("call notice")
        verbose_name_plural = _("call notices")
        constraints = [
            models.UniqueConstraint(fields=["call", "measure"], name="unique_call_notice")
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.call}"
