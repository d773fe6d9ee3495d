"""Indicators: targets and values per year, each value with its provenance.

The tables keep the names they had in the former follow-up app (docs/decisions.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.sharing import shared_field


class Indicator(models.Model):
    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    class SourceKind(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        KOLADA = "kolada", _("Kolada KPI")
        SMHI = "smhi", _("SMHI emission inventory")
        FOOTPRINT = "footprint", _("Computed from the footprint")
        PLAN = "plan", _("Computed from an action plan")
        NATIONAL = "national", _("National comparison")

    class KoladaLevel(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region (county)")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    source_kind = models.CharField(
        _("source"), max_length=10, choices=SourceKind.choices, default=SourceKind.MANUAL
    )
    kolada_kpi = models.CharField(_("Kolada KPI id"), max_length=10, blank=True)
    kolada_level = models.CharField(
        _("Kolada level"),
        max_length=12,
        choices=KoladaLevel.choices,
        default=KoladaLevel.MUNICIPALITY,
        help_text=_("Region: the KPI is published for the region only."),
    )
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    shared_with_programme = shared_field()
    include_in_report = models.BooleanField(
        _("include in report"),
        default=False,
        help_text=_("A draft follow-up report may use it before it is published."),
    )
    is_example = models.BooleanField(
        _("example data"), default=False, help_text=_("Demo values, not real figures.")
    )

    class Meta:
        db_table = "followup_indicator"
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kolada_kpi"],
                condition=~models.Q(kolada_kpi=""),
                name="unique_kolada_indicator",
            ),
            models.CheckConstraint(
                condition=~models.Q(source_kind="kolada") | ~models.Q(kolada_kpi=""),
                name="kolada_indicator_has_kpi",
            ),
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.code})"


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("target value"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        db_table = "followup_indicatortarget"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="unique_indicator_target")
        ]
        verbose_name = _("target value")
        verbose_name_plural = _("target values")

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year}: {self.value}"


class IndicatorValue(models.Model):
    class Gender(models.TextChoices):
        TOTAL = "T", _("Total")
        WOMEN = "K", _("Women")
        MEN = "M", _("Men")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, default="T")
    provenance = models.CharField(_("provenance"), max_length=500)
    fetched_at = models.DateTimeField(_("fetched or entered at"))

    class Meta:
        db_table = "followup_indicatorvalue"
        ordering = ["indicator", "year", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "gender"], name="unique_indicator_value"
            )
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year} {self.gender}: {self.value}"
