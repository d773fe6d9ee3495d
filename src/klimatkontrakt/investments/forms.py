from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.investments.models import (
    BaselineSector,
    CoBenefit,
    Funding,
    FundingSource,
    InvestmentPlan,
    Measure,
)
from klimatkontrakt.organisations.sharing import Visibility, apply, visibility_field, visibility_of
from klimatkontrakt.web.uploads import UploadField


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "name",
            "description",
            "sector",
            "category",
            "department",
            "kind",
            "status",
            "start_year",
            "ramp_up_years",
            "lifetime_years",
            "capex_sek",
            "capex_low_sek",
            "capex_high_sek",
            "opex_change_sek_per_year",
            "opex_change_low_sek_per_year",
            "opex_change_high_sek_per_year",
            "reduction_t_per_year",
            "reduction_low_t_per_year",
            "reduction_high_t_per_year",
            "activity_units",
            "activity_per_unit",
            "activity_unit",
            "factor_before_kg",
            "factor_after_kg",
            "commitments",
            "actions",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "commitments": forms.CheckboxSelectMultiple,
            "actions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, plan: InvestmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["department"].queryset = plan.municipality.departments.all()  # type: ignore[attr-defined]
        self.fields["sector"] = _sector_field(plan)
        from klimatkontrakt.contracts.selectors import commitments_of_municipality
        from klimatkontrakt.plans.selectors import actions_of_municipality

        commitments = self.fields["commitments"]
        commitments.queryset = (  # type: ignore[attr-defined]
            commitments_of_municipality(plan.municipality).order_by("-version__year", "title")
        )
        commitments.label_from_instance = lambda c: f"{c.version.year}: {c.title}"  # type: ignore[attr-defined]
        actions = self.fields["actions"]
        actions.queryset = actions_of_municipality(plan.municipality)  # type: ignore[attr-defined]
        actions.label_from_instance = lambda a: f"{a.plan.title} {a.identifier}: {a.title}"  # type: ignore[attr-defined]
        self.fields["reduction_t_per_year"].help_text = _(
            "Leave as 0 and fill in the activity change below to derive it "
            "(units × activity × factor difference)."
        )


class SectorField(forms.ChoiceField):
    """A choice of the plan's sectors; another value is refused with the service's reason."""

    def __init__(self, *args: Any, sectors: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sectors = sectors

    def validate(self, value: Any) -> None:
        from klimatkontrakt.investments.services import sector_problem

        if value in self.empty_values:
            super().validate(value)
            return
        problem = sector_problem(value, self.sectors)
        if problem:
            raise forms.ValidationError(problem, code="invalid_choice")


def _sector_field(plan: InvestmentPlan) -> forms.ChoiceField:
    """The plan's own sectors to choose from, never typed: a measure on another sector is one
    the pathway cannot use."""
    from klimatkontrakt.investments.selectors import plan_sectors
    from klimatkontrakt.investments.services import sector_problem
    from klimatkontrakt.sources.sectors import sector_label

    sectors = plan_sectors(plan)
    if plan.emissions_gas:
        help_text = _("An SMHI sector of the plan's territorial baseline.")
    elif plan.baseline_from_footprint:
        help_text = _("A purchase category of the plan's baseline from the purchase footprint.")
    else:
        help_text = _("A sector of the plan's entered baseline (the plan's settings).")
    return SectorField(
        sectors=sectors,
        label=_("Sector"),
        choices=[("", _("Choose a sector"))] + [(s, sector_label(s)) for s in sectors],
        help_text=(sector_problem("", sectors) or "") if not sectors else help_text,
    )


class ImportForm(forms.Form):
    file = UploadField(
        label=_("Measure table (CSV or XLSX)"),
        help_text=_(
            "Columns as in the documented template; the whole file is refused on any error."
        ),
    )


class ScaleUpForm(forms.Form):
    name = forms.CharField(label=_("Name of the wider plan"), max_length=200)
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=[
            c for c in InvestmentPlan.Scope.choices if c[0] != InvestmentPlan.Scope.DEPARTMENT
        ],
    )


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = ["measure", "source", "amount_sek", "year", "state"]
        labels = {"measure": _("Measure"), "source": _("Funding source")}

    def __init__(self, *args: Any, plan: InvestmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = plan.measures.all()  # type: ignore[attr-defined]
        self.fields["source"].queryset = FundingSource.objects.filter(  # type: ignore[attr-defined]
            municipality=plan.municipality
        )


class PlanForm(forms.ModelForm):
    visibility = visibility_field(required=False)

    class Meta:
        model = InvestmentPlan
        fields = [
            "name",
            "description",
            "scope",
            "department",
            "discount_rate",
            "base_year",
            "end_year",
            "emissions_gas",
            "baseline_from_footprint",
            "budget_method",
            "budget_total_t",
            "budget_source",
            "goal_year",
            "goal_level_t",
            "capital_limit_sek_per_year",
            "whole_measures_only",
            "is_example",
            "visibility",
            "include_in_report",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["visibility"].initial = visibility_of(self.instance)
        self.fields["department"].queryset = municipality.departments.all()  # type: ignore[attr-defined]
        from klimatkontrakt.calc.budgets import METHODS
        from klimatkontrakt.emissions import methods

        self.fields["budget_method"] = forms.ChoiceField(
            label=_("Budget method"),
            required=False,
            choices=[("", _("None: the budget entered below"))]
            + [(key, methods.label(key)) for key in METHODS],
            help_text=self.fields["budget_method"].help_text,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        apply(self.instance, data.get("visibility") or Visibility.PRIVATE)
        return data


BaselineFormSet = forms.inlineformset_factory(
    InvestmentPlan,
    BaselineSector,
    fields=["sector", "base_t", "trend_per_year", "source"],
    extra=3,
    can_delete=True,
)


class CoBenefitForm(forms.ModelForm):
    class Meta:
        model = CoBenefit
        fields = ["kind", "description", "quantity_per_year", "valuation_key", "unit_value_sek"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from klimatkontrakt.sources.cobenefits import default_valuations

        self.fields["valuation_key"] = forms.ChoiceField(
            label=_("Default valuation"),
            required=False,
            choices=[("", _("None"))]
            + [
                (v.key, f"{v.label_sv} – {v.value_sek:,.0f} {v.unit} ({v.source}, {v.version})")
                for v in default_valuations().values()
                if v.key != "co2e_societal_value"
            ],
            help_text=_("Or enter your own unit value; without either it stays unpriced."),
        )


CoBenefitFormSet = forms.inlineformset_factory(
    Measure, CoBenefit, form=CoBenefitForm, extra=1, can_delete=True
)


class FundingSourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = [
            "kind",
            "name",
            "total_sek",
            "share_of_cost",
            "first_year",
            "last_year",
            "source_note",
            "funder",
        ]

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "source")
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
