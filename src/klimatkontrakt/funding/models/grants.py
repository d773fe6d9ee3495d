"""Grants: what the funders granted, each city's list of its own organisations, and the files
and API reads they came from.

A `Grant` is one recipient's funding from one funder in one year, unique by (funder, reference,
recipient, year): the same grant read again (from another file or the API) updates the row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.imports import FileImport
from klimatkontrakt.organisations.models import Municipality, Organisation


class RecipientKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("The municipality")
    COMPANY = "company", _("Municipal company")
    ASSOCIATION = "association", _("Municipal association")
    OTHER = "other", _("Others in the territory")


class GrantSource(models.TextChoices):
    SWECRIS = "swecris", _("SweCRIS export")
    GDP = "gdp", _("The funders' common API")
    KLIMATKLIVET = "klimatklivet", _("Klimatklivet list (Naturvårdsverket)")
    TEMPLATE = "template", _("Grant template")
    MANUAL = "manual", _("Entered on the page")


class GroupOrganisation(models.Model):
    """An organisation of a municipality's group (kommunkoncernen): the municipality itself,
    its companies and associations. Grants to them are the city's own."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="group_organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        help_text=_("NNNNNN-NNNN; leave empty when not known: grants are then matched by name."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[c for c in RecipientKind.choices if c[0] != RecipientKind.OTHER],
    )
    is_example = models.BooleanField(_("example data"), default=False)

    class Meta:
        ordering = ["municipality", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "org_number"],
                condition=~models.Q(org_number=""),
                name="unique_group_org_number",
            ),
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_group_org_name"),
        ]
        verbose_name = _("organisation of the municipal group")
        verbose_name_plural = _("organisations of the municipal group")

    def __str__(self) -> str:
        return self.name


class GrantImport(FileImport):
    """A grant file or API read taken in: nationally (no municipality) or by a city's editor,
    who keeps only the rows that match the city."""

    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="grant_imports"
    )
    source = models.CharField(_("source"), max_length=20, choices=GrantSource.choices)

    class Meta:
        verbose_name = _("grant file import")
        verbose_name_plural = _("grant file imports")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "sha256"], name="unique_city_grant_import"
            ),
            models.UniqueConstraint(
                fields=["sha256"],
                condition=models.Q(municipality__isnull=True),
                name="unique_national_grant_import",
            ),
        ]


class Grant(models.Model):
    class Match(models.TextChoices):
        NUMBER = "number", _("Matched by organisation number")
        NAME = "name", _("Matched by name")
        TERRITORY = "territory", _("In the municipality's territory")
        MANUAL = "manual", _("Entered for the municipality")
        NONE = "", _("Not matched")

    class Review(models.TextChoices):
        AUTOMATIC = "automatic", _("Needs no review")
        PENDING = "pending", _("To review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    funder = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grants_given",
        limit_choices_to={"kind": Organisation.Kind.AGENCY},
        verbose_name=_("funding agency"),
    )
    funder_name = models.CharField(_("funder"), max_length=200)
    reference = models.CharField(_("reference (diarienummer)"), max_length=100)
    title = models.CharField(_("title"), max_length=500, blank=True)
    recipient_name = models.CharField(_("recipient"), max_length=200)
    recipient_org_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    # The organisation number, or "name:" and the folded name when there is none.
    recipient_key = models.CharField(max_length=210, editable=False)
    role = models.CharField(
        _("role"),
        max_length=20,
        blank=True,
        choices=[("coordinator", _("Coordinator")), ("partner", _("Partner")), ("", "—")],
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_sek = models.DecimalField(_("amount (SEK)"), max_digits=16, decimal_places=2)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=100, blank=True)
    programme = models.CharField(_("programme or call"), max_length=200, blank=True)
    categories = models.CharField(_("goals or categories"), max_length=500, blank=True)
    municipality_name = models.CharField(
        _("municipality in the source"), max_length=100, blank=True
    )
    county_name = models.CharField(_("county in the source"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=GrantSource.choices)
    source_name = models.CharField(_("source file or API"), max_length=300)
    fetched_on = models.DateField(_("date fetched"))
    source_import = models.ForeignKey(
        GrantImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="grants"
    )

    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="grants"
    )
    recipient_kind = models.CharField(
        _("recipient"), max_length=20, blank=True, choices=RecipientKind.choices
    )
    match = models.CharField(_("match"), max_length=20, blank=True, choices=Match.choices)
    review = models.CharField(
        _("review"), max_length=20, choices=Review.choices, default=Review.AUTOMATIC
    )
    commitments = models.ManyToManyField(
        "contracts.Commitment",
        blank=True,
        related_name="grants",
        verbose_name=_("linked contract commitments"),
    )
    is_example = models.BooleanField(_("example data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    COUNTED = (Review.AUTOMATIC, Review.ACCEPTED)

    class Meta:
        ordering = ["-year", "funder_name", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["funder_name", "reference", "recipient_key", "year"],
                name="unique_grant_year",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_sek__gte=0), name="grant_amount_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "review"])]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.funder_name} {self.reference} {self.year}: {self.recipient_name}"

    @property
    def counted(self) -> bool:
        """Whether the grant is in its city's portfolio (a name match only once accepted)."""
        return self.municipality_id is not None and self.review in self.COUNTED


class GrantMeasureLink(models.Model):
    """An editor's link of a grant-year to an investment-plan measure, and the funding row it
    put into the measure's funding (state granted, source named after the grant)."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="measure_links")
    measure = models.ForeignKey(
        "investments.Measure", on_delete=models.CASCADE, related_name="grant_links"
    )
    funding = models.OneToOneField(
        "investments.Funding", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grant", "measure"], name="unique_grant_measure")
        ]
        verbose_name = _("link of a grant to a measure")
        verbose_name_plural = _("links of grants to measures")

    def __str__(self) -> str:
        return f"{self.grant} → {self.measure}"
