from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.contracts.models import (
    Commitment,
    CommitmentStatus,
    ContractVersion,
    Party,
    Section,
)
from klimatkontrakt.contracts.services import CommitmentInput
from klimatkontrakt.organisations.models import Department


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    joint = forms.BooleanField(
        label=_("Joint commitment of all parties of this kind (e.g. all six agencies)"),
        required=False,
    )
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    planned_year = forms.IntegerField(
        label=_("Planned year"), required=False, min_value=2000, max_value=2100
    )
    status = forms.ModelChoiceField(label=_("Status"), queryset=CommitmentStatus.objects.none())
    responsible_department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.none(), required=False
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separate tags with commas."), max_length=500
    )
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, version: ContractVersion, language: str = "sv", **kwargs: Any):
        super().__init__(*args, **kwargs)
        muni = version.contract.municipality
        fields = cast(dict[str, forms.ModelChoiceField], self.fields)
        fields["party"].queryset = version.parties.select_related("organisation")
        fields["section"].queryset = version.sections.all()
        fields["status"].queryset = CommitmentStatus.objects.filter(municipality=muni)
        fields["status"].label_from_instance = lambda s: s.label(language)  # type: ignore[method-assign,assignment]
        fields["responsible_department"].queryset = muni.departments.all()

    @classmethod
    def initial_for(cls, c: Commitment) -> dict[str, Any]:
        return {
            "title": c.title,
            "description": c.description,
            "party": c.party_id,
            "joint": c.joint,
            "section": c.section_id,
            "planned_year": c.planned_year,
            "status": c.status_id,
            "responsible_department": c.responsible_department_id,
            "tags": ", ".join(c.tags),
            "edit_version": c.edit_version,
        }

    def to_input(self) -> CommitmentInput:
        d = self.cleaned_data
        return CommitmentInput(
            party=d["party"],
            section=d["section"],
            title=d["title"],
            status=d["status"],
            description=d["description"],
            planned_year=d["planned_year"],
            responsible_department=d["responsible_department"],
            tags=[t for t in d["tags"].split(",") if t.strip()],
            joint=d["joint"],
        )


class SectionTextForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)
