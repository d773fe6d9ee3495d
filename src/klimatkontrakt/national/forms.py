from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.contracts.common_selectors import national_organisations
from klimatkontrakt.contracts.common_services import CommonCommitmentInput
from klimatkontrakt.contracts.models import CommonCommitment, CommonPart, CommonSection
from klimatkontrakt.contracts.structure import (
    COMMON_COMMITMENT_KEYS,
    DEFAULT_STATUSES,
    default_status_label,
)
from klimatkontrakt.organisations.models import Organisation


def status_choices() -> list[tuple[str, str]]:
    language = get_language()
    return [(key, default_status_label(key, language)) for key, *_rest in DEFAULT_STATUSES]


class StartCommonPartForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class CommonSectionForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = status_choices()


class CommonCommitmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    section = forms.ModelChoiceField(label=_("Section"), queryset=CommonSection.objects.none())
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation that keeps the commitment's status."),
    )
    joint = forms.BooleanField(
        label=_("Joint commitment of the six agencies (the owner leads it)"), required=False
    )
    planned_year = forms.IntegerField(
        label=_("Planned year"), required=False, min_value=2000, max_value=2100
    )
    status = forms.ChoiceField(label=_("Status"), choices=())

    def __init__(self, *args: Any, part: CommonPart, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ModelChoiceField], self.fields)
        fields["section"].queryset = part.sections.filter(key__in=COMMON_COMMITMENT_KEYS)
        fields["section"].label_from_instance = lambda s: f"{s.number} {s.heading}"  # type: ignore[method-assign,assignment]
        fields["owner"].queryset = national_organisations()
        cast(forms.ChoiceField, self.fields["status"]).choices = status_choices()

    @classmethod
    def initial_for(cls, c: CommonCommitment) -> dict[str, Any]:
        return {
            "title": c.title,
            "description": c.description,
            "section": c.section_id,
            "owner": c.owner_id,
            "joint": c.joint,
            "planned_year": c.planned_year,
            "status": c.status,
        }

    def to_input(self) -> CommonCommitmentInput:
        d = self.cleaned_data
        return CommonCommitmentInput(
            section=d["section"],
            owner=d["owner"],
            title=d["title"],
            status=d["status"],
            description=d["description"],
            planned_year=d["planned_year"],
            joint=d["joint"],
        )
