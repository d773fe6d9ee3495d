"""Local climate contracts (lokala klimatkontrakt): contract, pledges, signatories, reports.

A municipality's `LocalContract` carries versioned text (`LocalContractVersion`, the public page
shows the latest published one), a catalogue of standard pledges (`StandardPledge`, the
klimatutmaningar) and the sign-up rule. A `Signatory` (organisation or resident) makes `Pledge`s
and reports on each once a year (`PledgeReport`). Contact data is never public."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.sectors import SECTORS

__all__ = [
    "LocalContract",
    "LocalContractVersion",
    "Pledge",
    "PledgeReport",
    "Signatory",
    "StandardPledge",
]

SECTOR_CHOICES = [(s, s) for s in SECTORS]  # labels in the interface language: sector_label
NON_NEGATIVE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1e10"))]


class LocalContract(models.Model):
    """One per municipality: the rule every sign-up must meet, and its versions and catalogue."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="local_contract"
    )
    min_pledges = models.PositiveSmallIntegerField(
        _("at least this many pledges"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    roadmap_instead = models.BooleanField(
        _("a sector roadmap may replace the pledges"),
        default=True,
        help_text=_("An organisation that follows a fossil-free sector roadmap may sign on it."),
    )
    is_example = models.BooleanField(_("example data"), default=False)

    class Meta:
        verbose_name = _("local climate contract")
        verbose_name_plural = _("local climate contracts")

    def __str__(self) -> str:
        return f"{self.municipality.name}"


class LocalContractVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    contract = models.ForeignKey(LocalContract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_local_version")
        ]
        verbose_name = _("local contract version")
        verbose_name_plural = _("local contract versions")

    def __str__(self) -> str:
        return f"{self.contract} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class StandardPledge(models.Model):
    """A pledge from the catalogue (klimatutmaning): its SMHI sector is where its effect lands in
    the territorial emissions; a default reduction per unit turns a reported quantity into t."""

    contract = models.ForeignKey(
        LocalContract, on_delete=models.CASCADE, related_name="standard_pledges"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sector = models.CharField(_("SMHI sector"), max_length=60, choices=SECTOR_CHOICES)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. kWh, car, trip."))
    default_t_per_unit = models.DecimalField(
        _("default reduction (t CO2e per unit)"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=6,
    )
    default_source = models.CharField(
        _("source of the default"),
        max_length=300,
        blank=True,
        help_text=_("Required when a default reduction is given."),
    )
    is_active = models.BooleanField(_("offered on sign-up"), default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["contract", "order", "pk"]
        verbose_name = _("standard pledge")
        verbose_name_plural = _("standard pledges")

    def __str__(self) -> str:
        return self.title


class Signatory(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Company or organisation")
        RESIDENT = "resident", _("Resident")

    class OrgSector(models.TextChoices):
        BUSINESS = "business", _("Business")
        PUBLIC = "public", _("Public sector")
        NON_PROFIT = "non_profit", _("Association or non-profit")
        OTHER = "other", _("Other")

    class Size(models.TextChoices):
        MICRO = "1-9", _("1–9 employees")
        SMALL = "10-49", _("10–49 employees")
        MEDIUM = "50-249", _("50–249 employees")
        LARGE = "250+", _("250 employees or more")

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    contract = models.ForeignKey(
        LocalContract, on_delete=models.CASCADE, related_name="signatories"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    org_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    org_sector = models.CharField(
        _("sector of activity"), max_length=12, choices=OrgSector.choices, blank=True
    )
    size = models.CharField(_("size"), max_length=8, choices=Size.choices, blank=True)
    roadmap = models.CharField(
        _("sector roadmap followed instead"),
        max_length=200,
        blank=True,
        help_text=_("E.g. a roadmap of Fossilfritt Sverige."),
    )
    # Contact data: shown only to the municipality's users; erased on request (personal_data).
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    consent_to_publish = models.BooleanField(_("agrees to be shown publicly"), default=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.UNCONFIRMED
    )
    signed_up_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    decided_at = models.DateTimeField(_("approved or rejected"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A new report link replaces the nonce, and so does a submitted report: old links stop working.
    report_nonce = models.CharField(max_length=32, blank=True)
    report_link_sent_at = models.DateTimeField(null=True, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)

    class Meta:
        ordering = ["contract", "name", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return self.name or str(_("Resident"))

    @property
    def is_active(self) -> bool:
        return self.state == self.State.APPROVED

    @property
    def is_public(self) -> bool:
        return self.is_active and self.kind == self.Kind.ORGANISATION and self.consent_to_publish


class Pledge(models.Model):
    signatory = models.ForeignKey(Signatory, on_delete=models.CASCADE, related_name="pledges")
    standard = models.ForeignKey(
        StandardPledge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledges",
        verbose_name=_("standard pledge"),
    )
    title = models.CharField(_("pledge"), max_length=200)
    sector = models.CharField(_("SMHI sector"), max_length=60, choices=SECTOR_CHOICES)
    unit = models.CharField(_("unit"), max_length=40)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=3, validators=NON_NEGATIVE
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=3, validators=NON_NEGATIVE
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    commitments = models.ManyToManyField(
        "contracts.Commitment", blank=True, related_name="local_pledges"
    )
    actions = models.ManyToManyField("plans.Action", blank=True, related_name="local_pledges")

    class Meta:
        ordering = ["signatory", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return self.title


class PledgeReport(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        STARTED = "started", _("Started")
        # An "åtagande" is neuter in Swedish: "Genomfört", not the shared "Genomförd".
        DONE = "done", pgettext_lazy("pledge", "Done")

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    what_was_done = models.TextField(_("what was done"), blank=True, max_length=2000)
    reported_t = models.DecimalField(
        _("estimated reduction (t CO2e per year)"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=3,
    )
    quantity = models.DecimalField(
        _("quantity"), null=True, blank=True, max_digits=16, decimal_places=3,
        validators=NON_NEGATIVE,
    )  # fmt: skip
    # What the roll-up counts: the reported tonnes, or quantity × the catalogue's default.
    estimated_t = models.DecimalField(null=True, blank=True, max_digits=14, decimal_places=3)
    from_default = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pledge", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "year"], name="one_report_per_pledge_year")
        ]
        verbose_name = _("pledge report")
        verbose_name_plural = _("pledge reports")

    def __str__(self) -> str:
        return f"{self.pledge} {self.year}"
