"""The climate investment plan (klimatinvesteringsplan): plans, measures, funding.

Money is Decimal SEK (16 digits, 2 decimals) and tonnes Decimal t CO2e (14, 3) in the database;
selectors hand floats to calc.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.imports import FileImport
from klimatkontrakt.organisations.models import Department, Municipality, Organisation
from klimatkontrakt.organisations.sharing import shared_field

# The kinds of organisation a funding source or an action may name as its funder: the agencies
# and the programme (Viable Cities).
FUNDER_KINDS = (Organisation.Kind.AGENCY.value, Organisation.Kind.PROGRAMME.value)


class InvestmentPlan(models.Model):
    class Scope(models.TextChoices):
        DEPARTMENT = "department", _("One department")
        GROUP = "group", _("The municipal group (kommunkoncernen)")
        GEOGRAPHY = "geography", _("The geographical area")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="investment_plans"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="investment_plans",
        verbose_name=_("department"),
        help_text=_("Only for a plan scoped to one department."),
    )
    scaled_up_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scaled_up_plans",
        verbose_name=_("scaled up from"),
    )
    discount_rate = models.DecimalField(
        _("discount rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.035"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.5"))],
        help_text=_("Real rate as a fraction, e.g. 0.035 for 3.5 per cent."),
    )
    base_year = models.PositiveSmallIntegerField(_("base year"))
    end_year = models.PositiveSmallIntegerField(_("last year of the pathway"), default=2030)
    # BAU and budget from the emissions app when a gas is chosen; otherwise entered on the plan.
    emissions_gas = models.CharField(
        _("BAU from SMHI emissions"),
        max_length=10,
        blank=True,
        choices=[
            ("", _("No: entered on the plan")),
            ("CO2", "CO2"),
            ("GGT", _("Greenhouse gases")),
        ],
        help_text=_("For territorial plans: BAU per SMHI sector from the current release."),
    )
    # BAU per purchase category from the footprint app (organisational plans).
    baseline_from_footprint = models.BooleanField(
        _("baseline from the purchase footprint"),
        default=False,
        help_text=_(
            "For organisational plans: BAU per purchase category from the municipality's "
            "published purchase ledger (the plan's department only, for a department plan)."
        ),
    )
    budget_method = models.CharField(
        _("budget method"),
        max_length=40,
        blank=True,
        help_text=_("With SMHI emissions: the budget path of this method (e.g. cemus-2023)."),
    )
    budget_total_t = models.DecimalField(
        _("carbon budget for the period (t CO2e)"),
        null=True,
        blank=True,
        max_digits=14,
        decimal_places=3,
    )
    budget_source = models.CharField(_("source of the budget"), max_length=300, blank=True)
    goal_year = models.PositiveSmallIntegerField(_("goal year"), null=True, blank=True)
    goal_level_t = models.DecimalField(
        _("goal level (t CO2e per year)"), null=True, blank=True, max_digits=14, decimal_places=3
    )
    capital_limit_sek_per_year = models.DecimalField(
        _("capital limit per year (SEK)"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    whole_measures_only = models.BooleanField(
        _("optimum with whole measures only"),
        default=False,
        help_text=_("Each measure is taken wholly or not at all (a mixed-integer programme)."),
    )
    is_example = models.BooleanField(
        _("example figures"),
        default=False,
        help_text=_("Pages say the figures are examples, not decisions."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    shared_with_programme = shared_field()
    include_in_report = models.BooleanField(
        _("include in report"),
        default=False,
        help_text=_("A draft follow-up report may use it before it is published."),
    )
    monte_carlo_runs = models.PositiveIntegerField(_("Monte Carlo runs"), default=5000)
    monte_carlo_seed = models.PositiveIntegerField(_("Monte Carlo seed"), default=20301)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_plan_name"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("base_year")),
                name="plan_end_after_base",
            ),
        ]
        verbose_name = _("climate investment plan")
        verbose_name_plural = _("climate investment plans")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.scope == self.Scope.DEPARTMENT and self.department_id is None:
            raise ValidationError({"department": _("A department plan needs its department.")})
        if self.department is not None and self.department.municipality_id != self.municipality_id:
            raise ValidationError(
                {"department": _("The department belongs to another municipality.")}
            )
        if self.goal_year is not None and not self.base_year <= self.goal_year <= self.end_year:
            raise ValidationError(
                {"goal_year": _("The goal year must lie within the pathway's years.")}
            )
        if self.budget_method and not self.emissions_gas:
            raise ValidationError({"budget_method": _("A budget method needs SMHI emissions.")})
        if self.baseline_from_footprint and self.emissions_gas:
            raise ValidationError(
                {
                    "baseline_from_footprint": _(
                        "Choose one baseline: SMHI emissions or the purchase footprint."
                    )
                }
            )
        if (self.goal_year is None) != (self.goal_level_t is None):
            raise ValidationError(
                {"goal_level_t": _("Give both the goal year and the goal level.")}
            )

    @property
    def years(self) -> range:
        return range(self.base_year, self.end_year + 1)


class BaselineSector(models.Model):
    """BAU for one sector: emissions in the base year and a yearly trend (plan-level input)."""

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.CASCADE, related_name="baseline")
    sector = models.CharField(_("sector"), max_length=120)
    base_t = models.DecimalField(
        _("emissions in the base year (t CO2e)"), max_digits=14, decimal_places=3
    )
    trend_per_year = models.DecimalField(
        _("yearly trend"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("0"),
        help_text=_("Fraction per year, e.g. -0.02 for 2 per cent lower each year."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "sector"], name="unique_baseline_sector")
        ]
        verbose_name = _("baseline sector")
        verbose_name_plural = _("baseline sectors")

    def __str__(self) -> str:
        return f"{self.plan}: {self.sector}"


class Measure(models.Model):
    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("Investment")
        POLICY = "policy", _("Policy")
        BEHAVIOUR = "behaviour", _("Behaviour")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DECIDED = "decided", _("Decided")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sector = models.CharField(
        _("sector"),
        max_length=120,
        help_text=_("SMHI sector (territorial) or purchase category (organisation)."),
    )
    category = models.CharField(
        _("category"),
        max_length=120,
        blank=True,
        help_text=_("Same sector and category: checked for overlap."),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("responsible department"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.INVESTMENT)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    start_year = models.PositiveSmallIntegerField(_("start year"))
    ramp_up_years = models.PositiveSmallIntegerField(_("ramp-up (years)"), default=0)
    lifetime_years = models.PositiveSmallIntegerField(
        _("lifetime (years)"), validators=[MinValueValidator(1)]
    )
    capex_sek = models.DecimalField(_("capex (SEK)"), max_digits=16, decimal_places=2)
    capex_low_sek = models.DecimalField(
        _("capex, low (SEK)"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    capex_high_sek = models.DecimalField(
        _("capex, high (SEK)"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    opex_change_sek_per_year = models.DecimalField(
        _("opex change per year (SEK)"),
        help_text=_("Including savings; negative is a saving."),
        max_digits=16,
        decimal_places=2,
    )
    opex_change_low_sek_per_year = models.DecimalField(
        _("opex change, low (SEK/year)"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    opex_change_high_sek_per_year = models.DecimalField(
        _("opex change, high (SEK/year)"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    reduction_t_per_year = models.DecimalField(
        _("reduction (t CO2e per year)"), max_digits=14, decimal_places=3
    )
    reduction_low_t_per_year = models.DecimalField(
        _("reduction, low (t CO2e/year)"), null=True, blank=True, max_digits=14, decimal_places=3
    )
    reduction_high_t_per_year = models.DecimalField(
        _("reduction, high (t CO2e/year)"), null=True, blank=True, max_digits=14, decimal_places=3
    )
    # Activity change the reduction is derived from, when given (e.g. vehicles × km × factor).
    activity_units = models.DecimalField(
        _("number of units"), null=True, blank=True, max_digits=14, decimal_places=3
    )
    activity_per_unit = models.DecimalField(
        _("activity per unit and year"), null=True, blank=True, max_digits=14, decimal_places=3
    )
    activity_unit = models.CharField(_("activity unit"), max_length=40, blank=True)
    factor_before_kg = models.DecimalField(
        _("factor before (kg CO2e per activity unit)"),
        null=True,
        blank=True,
        max_digits=12,
        decimal_places=6,
    )
    factor_after_kg = models.DecimalField(
        _("factor after (kg CO2e per activity unit)"),
        null=True,
        blank=True,
        max_digits=12,
        decimal_places=6,
    )
    commitments = models.ManyToManyField(
        "contracts.Commitment",
        blank=True,
        related_name="measures",
        verbose_name=_("linked contract commitments"),
    )
    actions = models.ManyToManyField(
        "plans.Action",
        blank=True,
        related_name="measures",
        verbose_name=_("linked action-plan actions"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    # The import that created the measure: removing that import removes it.
    source_import = models.ForeignKey(
        "MeasureImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="created_measures",
    )

    class Meta:
        ordering = ["plan", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_measure_name")]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.name

    @property
    def derived_from_activity(self) -> bool:
        return None not in (
            self.activity_units,
            self.activity_per_unit,
            self.factor_before_kg,
            self.factor_after_kg,
        )


class CoBenefit(models.Model):
    class Kind(models.TextChoices):
        HEALTH = "health", _("Health")
        JOBS = "jobs", _("Jobs")
        SAFETY = "safety", _("Safety")
        AIR_QUALITY = "air_quality", _("Air quality")
        NOISE = "noise", _("Noise")
        OTHER = "other", _("Other")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="cobenefits")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    quantity_per_year = models.DecimalField(
        _("quantity per year"), null=True, blank=True, max_digits=14, decimal_places=4
    )
    valuation_key = models.CharField(_("default valuation"), max_length=80, blank=True)
    unit_value_sek = models.DecimalField(
        _("own unit value (SEK)"), null=True, blank=True, max_digits=16, decimal_places=2
    )

    class Meta:
        verbose_name = _("co-benefit")
        verbose_name_plural = _("co-benefits")

    def __str__(self) -> str:
        return f"{self.measure}: {self.get_kind_display()}"


class FundingSource(models.Model):
    class Kind(models.TextChoices):
        OWN_BUDGET = "own_budget", _("Own budget")
        CLIMATE_FUND = "climate_fund", _("Climate fund 2022–2025")
        GREEN_LOAN = "green_loan", _("Green loan")
        KLIMATKLIVET = "klimatklivet", _("Klimatklivet")
        STADSMILJOAVTAL = "stadsmiljoavtal", _("Stadsmiljöavtal")
        EU = "eu", _("EU funds")
        PRIVATE = "private", _("Private")
        GRANT = "grant", _("Grant from a national funder")

    # The municipality carries these; the others come from outside.
    MUNICIPAL_KINDS = (Kind.OWN_BUDGET, Kind.CLIMATE_FUND, Kind.GREEN_LOAN)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="funding_sources"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    total_sek = models.DecimalField(
        _("total amount (SEK)"), null=True, blank=True, max_digits=16, decimal_places=2
    )
    share_of_cost = models.DecimalField(
        _("share of the cost"),
        null=True,
        blank=True,
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Share of a measure's cost covered (stadsmiljöavtal, grants)."),
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    source_note = models.CharField(_("decision or source"), max_length=300, blank=True)
    # The agency or programme whose funding this is (Klimatklivet → Naturvårdsverket): the
    # agency's page lists the measures it funds.
    funder = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_sources",
        limit_choices_to={"kind__in": FUNDER_KINDS},
        verbose_name=_("agency or programme"),
        help_text=_("The agency or programme that gives this funding, if any."),
    )

    class Meta:
        ordering = ["municipality", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="unique_funding_source_name"
            )
        ]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipal(self) -> bool:
        return self.kind in self.MUNICIPAL_KINDS


class Funding(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPLIED = "applied", _("Applied for")
        GRANTED = "granted", _("Granted")
        PAID = "paid", _("Paid")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="fundings")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="fundings")
    amount_sek = models.DecimalField(_("amount (SEK)"), max_digits=16, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices)

    class Meta:
        ordering = ["year", "source"]
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")

    def __str__(self) -> str:
        return f"{self.measure}: {self.source} {self.year}"


class MeasureImport(FileImport):
    """A measure file taken in; the hash makes a second import of the same file a no-op."""

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.CASCADE, related_name="imports")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "sha256"], name="unique_plan_import")
        ]
