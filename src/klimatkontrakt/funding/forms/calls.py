"""Forms for calls for funding: one call entered by hand, a file of calls, an application."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.funding.models import Application, Call
from klimatkontrakt.investments.models import FundingSource, Measure
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.sources.calls import MAX_TERM, terms
from klimatkontrakt.web.uploads import UploadField


class TermsField(forms.CharField):
    """Several terms in one text box, separated by commas or semicolons."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def clean(self, value: Any) -> list[str]:
        found = list(terms(super().clean(value) or ""))
        if any(len(t) > MAX_TERM for t in found):
            raise forms.ValidationError(_("A term has at most %(n)s characters.") % {"n": MAX_TERM})
        return found


class CallForm(forms.ModelForm):
    categories = TermsField(
        label=_("Categories"), required=False, help_text=_("Separated by commas.")
    )
    sectors = TermsField(
        label=_("Sectors"),
        required=False,
        help_text=_("SMHI sectors the call names, e.g. Transporter; separated by commas."),
    )

    class Meta:
        model = Call
        fields = [
            "funder",
            "funder_name",
            "reference",
            "title",
            "description",
            "opens_on",
            "closes_on",
            "link",
            "categories",
            "sectors",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        funder = self.fields["funder"]
        assert isinstance(funder, forms.ModelChoiceField)
        funder.queryset = Organisation.objects.filter(kind=Organisation.Kind.AGENCY)
        self.fields["funder"].help_text = _(
            "One of the six agencies, or leave empty and name the funder below."
        )
        self.fields["funder_name"].required = False
        self.fields["funder_name"].help_text = _("Another funder, by name (a region, the EU ...).")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        funder = data.get("funder")
        if funder is not None:
            data["funder_name"] = funder.name
            self.instance.funder_name = funder.name
        elif not (data.get("funder_name") or "").strip():
            self.add_error("funder_name", _("Choose an agency or name the funder."))
        return data


class CallImportForm(forms.Form):
    file = UploadField(
        label=_("Calls (CSV or XLSX)"),
        help_text=_(
            "Columns as in the documented template; the whole file is refused on any error."
        ),
    )


class ApplicationForm(forms.Form):
    measure = forms.ModelChoiceField(label=_("Measure"), queryset=Measure.objects.none())
    call = forms.ModelChoiceField(label=_("Call"), queryset=Call.objects.all())
    state = forms.ChoiceField(label=_("State"), choices=Application.State.choices)
    amount_sek = forms.DecimalField(
        label=_("Amount (SEK)"), min_value=0, max_digits=16, decimal_places=2
    )
    applied_on = forms.DateField(
        label=_("Applied on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decided_on = forms.DateField(
        label=_("Decided on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source_kind = forms.ChoiceField(
        label=_("Kind of funding source (when granted)"),
        required=False,
        choices=[("", "–")]
        + [
            (k.value, k.label) for k in FundingSource.Kind if k not in FundingSource.MUNICIPAL_KINDS
        ],
        help_text=_(
            "Needed only when the municipality has no funding source named after the funder."
        ),
    )

    def __init__(self, *args: Any, measures: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measure"]
        if measures is not None and isinstance(field, forms.ModelChoiceField):
            field.queryset = measures
