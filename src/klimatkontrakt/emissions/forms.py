from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.organisations.sharing import Visibility, visibility_field
from klimatkontrakt.organisations.sharing import flag_fields as visibility_flags


class GoalForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    gas = forms.ChoiceField(
        label=_("Gas"),
        choices=[("GGT", _("Greenhouse gases (CO2e)")), ("CO2", _("Carbon dioxide (CO2)"))],
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Goal.Scope.choices)
    target_year = forms.IntegerField(label=_("Target year"), min_value=2025, max_value=2100)
    level_t = forms.FloatField(
        label=_("Target level (tonnes per year)"),
        required=False,
        min_value=0,
        help_text=_("Either a level in tonnes, or a percentage of a base year."),
    )
    share_pct = forms.FloatField(
        label=_("Target as a percentage of the base year"),
        required=False,
        min_value=0,
        max_value=1000,
    )
    base_year = forms.IntegerField(
        label=_("Base year"), required=False, min_value=1990, max_value=2100
    )
    visibility = visibility_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level, share, base = data.get("level_t"), data.get("share_pct"), data.get("base_year")
        if (level is None) == (share is None):
            raise forms.ValidationError(
                _("Give either a target level in tonnes or a percentage of a base year.")
            )
        if share is not None and base is None:
            self.add_error("base_year", _("A percentage needs its base year."))
        return data

    def to_goal(self) -> dict[str, Any]:
        d = self.cleaned_data
        share = d.get("share_pct")
        return {
            "name": d["name"],
            "gas": d["gas"],
            "scope": d["scope"],
            "target_year": d["target_year"],
            "level_t": d.get("level_t"),
            "share_of_base": None if share is None else share / 100.0,
            "base_year": d.get("base_year") if share is not None else None,
            **visibility_flags(d.get("visibility") or Visibility.PRIVATE),
        }


class AdoptedBudgetForm(forms.Form):
    """A carbon budget the municipality adopted itself (method ``fixed``)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    gas = forms.ChoiceField(
        label=_("Gas"),
        choices=[("CO2", _("Carbon dioxide (CO2)")), ("GGT", _("Greenhouse gases (CO2e)"))],
    )
    budget_t = forms.FloatField(
        label=_("Budget (tonnes from the start year)"),
        min_value=1,
        help_text=_("The total the municipality may emit from 1 January of the start year."),
    )
    start_year = forms.IntegerField(label=_("Start year"), min_value=1990, max_value=2100)
    trend_from = forms.IntegerField(
        label=_("Trend from year"),
        min_value=1990,
        max_value=2100,
        initial=2015,
        help_text=_("First year of the trend the budget is compared with."),
    )
    deduct_process_emissions = forms.BooleanField(
        label=_("Deduct large industrial process emissions"), required=False
    )
    visibility = visibility_field()

    def to_budget(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "method": "fixed",
            "gas": d["gas"],
            "parameters": {
                "budget_t": d["budget_t"],
                "start_year": d["start_year"],
                "trend_from": d["trend_from"],
                "deduct_process_emissions": d.get("deduct_process_emissions", False),
            },
            **visibility_flags(d.get("visibility") or Visibility.PRIVATE),
        }


class SmhiImportForm(forms.Form):
    """An SMHI Länsrapport for the background import (site administrators only)."""

    report = forms.FileField(
        label=_("SMHI report (Excel workbook)"),
        help_text=_(
            "The Länsrapport from Nationella emissionsdatabasen for all municipalities and "
            "counties, one gas per file, as `klimatkontrakt import-smhi` reads it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.xlsb,.ods"}),
    )
