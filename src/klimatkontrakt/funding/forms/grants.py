"""Forms of the grant pages: one grant entered by hand, a file to import, the city's group
list, and a grant's links to a measure and to contract commitments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.funding.models import GrantSource, GroupOrganisation, RecipientKind
from klimatkontrakt.investments.models import Measure
from klimatkontrakt.sources.grant_records import FIRST_YEAR, LAST_YEAR, MAX_AMOUNT_SEK
from klimatkontrakt.sources.orgnumber import InvalidOrgNumber, normalise_org_number
from klimatkontrakt.web.uploads import UploadField


def _org_number(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return normalise_org_number(value)
    except InvalidOrgNumber as exc:
        raise forms.ValidationError(
            _("Not an organisation number (NNNNNN-NNNN with a correct control digit).")
        ) from exc


class GrantForm(forms.Form):
    funder = forms.CharField(label=_("Funder"), max_length=200)
    reference = forms.CharField(label=_("Reference (diarienummer)"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=500)
    recipient_name = forms.CharField(label=_("Recipient"), max_length=200)
    recipient_org_number = forms.CharField(
        label=_("Organisation number"), max_length=20, required=False
    )
    recipient_kind = forms.ChoiceField(label=_("Kind of recipient"), choices=RecipientKind.choices)
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", "—"), ("coordinator", _("Coordinator")), ("partner", _("Partner"))],
    )
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    amount_sek = forms.DecimalField(
        label=_("Amount (SEK)"),
        min_value=Decimal(0),
        max_value=MAX_AMOUNT_SEK,
        max_digits=16,
        decimal_places=2,
    )
    programme = forms.CharField(label=_("Programme or call"), max_length=200, required=False)
    categories = forms.CharField(label=_("Goals or categories"), max_length=500, required=False)

    def clean_recipient_org_number(self) -> str:
        return _org_number(self.cleaned_data["recipient_org_number"])


class GrantFileForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Layout of the file"),
        choices=[
            (GrantSource.SWECRIS, GrantSource.SWECRIS.label),
            (GrantSource.KLIMATKLIVET, GrantSource.KLIMATKLIVET.label),
            (GrantSource.TEMPLATE, GrantSource.TEMPLATE.label),
        ],
    )
    file = UploadField(label=_("File"))


class GroupOrganisationForm(forms.ModelForm):
    class Meta:
        model = GroupOrganisation
        fields = ["name", "org_number", "kind"]

    def clean_org_number(self) -> str:
        return _org_number(self.cleaned_data["org_number"])


class MeasureLinkForm(forms.Form):
    measure = forms.ModelChoiceField(label=_("Measure"), queryset=Measure.objects.none())

    def __init__(self, *args: Any, measures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]


class CommitmentsForm(forms.Form):
    commitments = forms.ModelMultipleChoiceField(
        label=_("Contract commitments"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, commitments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commitments"].queryset = commitments  # type: ignore[attr-defined]
