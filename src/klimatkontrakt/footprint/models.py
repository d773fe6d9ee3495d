"""Ledgers, their imports, rules, factors and activity data of a municipality.

Ledger lines are not ORM rows: each accepted import is a Parquet file in the ledger storage
(the LEDGER_DIR folder or an S3 bucket, see footprint/storage.py), read by DuckDB (see
footprint/engine.py); `LedgerImport.parquet` is its name there.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.imports import FileImport
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.sharing import shared_field

# The organisational scope of ledgers and activity data made before scopes were recorded.
DEFAULT_SCOPE = "Kommunkoncernen"
SCOPE_HELP = _(
    "The part of the organisation the data covers, e.g. Kommunkoncernen. Measured energy, fuel "
    "and food data are combined only with ledgers of the same scope, for the years the ledger "
    "holds."
)


class RuleSet(models.Model):
    """Classification rules; a municipality's own set, or a shared one (municipality empty)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="rule_sets"
    )
    name = models.CharField(_("name"), max_length=200)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_rule_set")
        ]

    def __str__(self) -> str:
        return self.name


class Rule(models.Model):
    class Field(models.TextChoices):
        ACCOUNT = "account", _("Account prefix")
        SUPPLIER_ID = "supplier_id", _("Supplier organisation number")
        SUPPLIER_NAME = "supplier_name", _("Supplier name")
        TEXT = "text", _("Text")

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveIntegerField(_("row"))
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    pattern = models.CharField(_("pattern"), max_length=300)
    category = models.CharField(_("category"), max_length=100)
    priority = models.IntegerField(_("priority"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.field} {self.pattern} -> {self.category}"


class FactorSet(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="factor_sets"
    )
    name = models.CharField(_("name"), max_length=200)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_factor_set")
        ]

    def __str__(self) -> str:
        return self.name


class EmissionFactor(models.Model):
    factor_set = models.ForeignKey(FactorSet, on_delete=models.CASCADE, related_name="factors")
    category = models.CharField(_("category"), max_length=100)
    value = models.FloatField(_("kg CO2e per unit"))
    unit = models.CharField(_("unit"), max_length=10, help_text=_("SEK, USD, kWh, l, kg, km …"))
    year = models.PositiveIntegerField(_("year"))
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    price_basis = models.CharField(_("price basis"), max_length=20, blank=True)
    quality = models.CharField(_("quality"), max_length=10, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    fossil_share = models.FloatField(null=True, blank=True)
    kwh_per_unit = models.FloatField(null=True, blank=True)
    source = models.TextField(_("source"))
    licence = models.TextField(_("licence"))

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["factor_set", "category"], name="unique_factor")
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.value} kg CO2e/{self.unit}"


class ColumnMapping(models.Model):
    """How a municipality's own ledger layout maps to the ledger fields; reused on import."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="column_mappings"
    )
    name = models.CharField(_("name"), max_length=200)
    mapping = models.JSONField(_("mapping"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_column_mapping")
        ]

    def __str__(self) -> str:
        return self.name


class Ledger(models.Model):
    """A municipality's supplier-invoice ledger (leverantörsreskontra), built from imports."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="ledgers")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, null=True, blank=True)
    factor_set = models.ForeignKey(FactorSet, on_delete=models.PROTECT, null=True, blank=True)
    scope = models.CharField(
        _("organisational scope"), max_length=200, default=DEFAULT_SCOPE, help_text=SCOPE_HELP
    )
    published = models.BooleanField(_("published"), default=False)
    shared_with_programme = shared_field()
    include_in_report = models.BooleanField(
        _("include in report"),
        default=False,
        help_text=_("A draft follow-up report may use this ledger before it is published."),
    )
    example_data = models.BooleanField(_("example data"), default=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_ledger")
        ]

    def __str__(self) -> str:
        return self.name


class LedgerImport(FileImport):
    """A ledger file taken in; its good lines are stored as Parquet, outside the database."""

    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="imports")
    # Ledgers run to gigabytes, so their content hash is XXH3-128, not SHA-256 (ledger.encoding).
    sha256 = models.CharField(_("content hash (XXH3-128)"), max_length=64)
    parquet = models.CharField(_("stored lines"), max_length=500)
    skipped = models.JSONField(_("skipped rows"), default=list)
    encoding = models.CharField(max_length=20, blank=True)
    delimiter = models.CharField(max_length=4, blank=True)

    class Meta:
        ordering = ["imported_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ledger", "sha256"], name="unique_import_hash")
        ]

    def __str__(self) -> str:
        return self.filename


class ActivityRecord(models.Model):
    """Measured energy, fuel, food or travel; replaces the spend it names (see sources/activity)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="activity_records"
    )
    year = models.PositiveIntegerField(_("year"))
    scope = models.CharField(
        _("organisational scope"), max_length=200, default=DEFAULT_SCOPE, help_text=SCOPE_HELP
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    activity = models.CharField(_("activity"), max_length=100)
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=10)
    replaces_category = models.CharField(_("replaces category"), max_length=100, blank=True)
    replaces_account = models.CharField(_("replaces account prefix"), max_length=20, blank=True)
    replaces_supplier_id = models.CharField(_("replaces supplier"), max_length=20, blank=True)
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["scope", "year", "department", "activity"]

    def __str__(self) -> str:
        return f"{self.year} {self.activity} {self.quantity} {self.unit}"
