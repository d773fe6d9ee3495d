"""SMHI releases kept side by side, their values, and each municipality's budgets and goals."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import County, Municipality
from klimatkontrakt.organisations.sharing import shared_field


class Release(models.Model):
    """One imported SMHI report for one gas. SMHI revises history every year, so releases are
    never overwritten; the newest release of each gas is the current one."""

    gas = models.CharField(_("gas"), max_length=10)  # CO2, GGT (greenhouse gases total), CH4 ...
    gas_name = models.CharField(_("gas name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)  # "t" (CO2) or "t CO2e"
    release_date = models.DateField(_("release date"))
    report_name = models.CharField(_("report name"), max_length=200)
    sha256 = models.CharField(_("file SHA-256"), max_length=64, unique=True)
    file_name = models.CharField(_("file name"), max_length=255)
    source_url = models.CharField(_("source URL"), max_length=500, blank=True)
    years = models.JSONField(_("years"), default=list)
    discrepancies = models.JSONField(_("sum discrepancies"), default=list)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        ordering = ["gas", "-release_date"]
        constraints = [
            models.UniqueConstraint(fields=["gas", "release_date"], name="one_release_per_date"),
            models.UniqueConstraint(
                fields=["gas"], condition=Q(is_current=True), name="one_current_release_per_gas"
            ),
        ]
        verbose_name = _("SMHI release")
        verbose_name_plural = _("SMHI releases")

    def __str__(self) -> str:
        return f"{self.gas} {self.release_date:%Y-%m-%d}"

    @property
    def label(self) -> str:
        """How every figure names its source."""
        return (
            f"SMHI Nationella emissionsdatabasen, {self.report_name} ({self.gas_name}, "
            f"{self.unit}; {self.file_name}, sha256 {self.sha256[:12]})"
        )


class SectorKey(models.Model):
    """A (Huvudsektor, Undersektor) pair in canonical spelling; "Alla" marks a total."""

    sector = models.CharField(_("sector"), max_length=120)
    subsector = models.CharField(_("subsector"), max_length=160)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sector", "subsector"], name="unique_sector_key")
        ]

    def __str__(self) -> str:
        return f"{self.sector} / {self.subsector}"


class EmissionValue(models.Model):
    """Tonnes per year for one area (municipality, county, or Sweden when both are empty)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="values")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sector = models.ForeignKey(SectorKey, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("tonnes"))

    class Meta:
        indexes = [models.Index(fields=["release", "sector", "municipality"])]

    def __str__(self) -> str:
        return f"{self.year}: {self.value} t"


class CarbonBudget(models.Model):
    """A municipality's chosen budget method and parameters (e.g. a budget it adopted)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="carbon_budgets"
    )
    name = models.CharField(_("name"), max_length=200)
    method = models.CharField(_("method"), max_length=40)
    gas = models.CharField(_("gas"), max_length=10, default="CO2")
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    shared_with_programme = shared_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("carbon budget")
        verbose_name_plural = _("carbon budgets")

    def __str__(self) -> str:
        return f"{self.name} ({self.method})"


class Goal(models.Model):
    """An emission goal: a level by a target year, absolute or as a share of a base year."""

    class Scope(models.TextChoices):
        TERRITORIAL = "territorial", _("Territorial (geographic area)")
        ORGANISATION = "organisation", _("The municipal organisation")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="goals")
    name = models.CharField(_("name"), max_length=200)
    gas = models.CharField(_("gas"), max_length=10, default="GGT")
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    level_t = models.FloatField(_("target level (tonnes/year)"), null=True, blank=True)
    share_of_base = models.FloatField(_("share of base year"), null=True, blank=True)
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    shared_with_programme = shared_field()

    class Meta:
        ordering = ["municipality", "target_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level_t__isnull=False, share_of_base__isnull=True)
                | Q(level_t__isnull=True, share_of_base__isnull=False, base_year__isnull=False),
                name="goal_level_or_share",
            )
        ]
        verbose_name = _("emission goal")
        verbose_name_plural = _("emission goals")

    def __str__(self) -> str:
        return self.name

    @property
    def share_pct(self) -> float | None:
        return None if self.share_of_base is None else 100.0 * self.share_of_base
