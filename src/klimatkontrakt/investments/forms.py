from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.investments.models import (
    BaselineSector,
    Funding,
    FundingSource,
    InvestmentPlan,
    Measure,
)


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
            "commitment_refs",
            "action_refs",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: InvestmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["department"].queryset = plan.municipality.departments.all()  # type: ignore[attr-defined]
        self.fields["reduction_t_per_year"].help_text = _(
            "Leave as 0 and fill in the activity change below to derive it "
            "(units × activity × factor difference)."
        )


class ImportForm(forms.Form):
    file = forms.FileField(
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

    def __init__(self, *args: Any, plan: InvestmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = plan.measures.all()  # type: ignore[attr-defined]
        self.fields["source"].queryset = FundingSource.objects.filter(  # type: ignore[attr-defined]
            municipality=plan.municipality
        )


class PlanForm(forms.ModelForm):
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
            "budget_total_t",
            "budget_source",
            "goal_year",
            "goal_level_t",
            "capital_limit_sek_per_year",
            "is_example",
            "is_published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["department"].queryset = municipality.departments.all()  # type: ignore[attr-defined]


BaselineFormSet = forms.inlineformset_factory(
    InvestmentPlan,
    BaselineSector,
    fields=["sector", "base_t", "trend_per_year", "source"],
    extra=3,
    can_delete=True,
)
