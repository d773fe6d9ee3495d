"""Forms for proposals; the services do the checking that matters."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.contracts.selectors import commitments_of_municipality
from klimatkontrakt.engagement.models import Answer, Channel, Proposal, ProposalState
from klimatkontrakt.engagement.services.proposal_intake import ProposalInput
from klimatkontrakt.engagement.services.proposals import AnswerInput
from klimatkontrakt.investments.models import Measure
from klimatkontrakt.investments.selectors import measures_of_municipality
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.plans.models import Action
from klimatkontrakt.plans.selectors import actions_of_municipality
from klimatkontrakt.sources.proposals import MAX_GRADE
from klimatkontrakt.web.uploads import UploadField


class DateInput(forms.DateInput):
    input_type = "date"


def _themes(value: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", value or "") if t.strip()]


class _ProposalFields(forms.Form):
    text = forms.CharField(label=_("Your proposal"), max_length=4000, widget=forms.Textarea)
    themes = forms.CharField(
        label=_("Themes"),
        max_length=300,
        required=False,
        help_text=_("For example transport, food, energy; separate them with commas."),
    )

    def themes_list(self) -> list[str]:
        return _themes(self.cleaned_data.get("themes", ""))


class PupilProposalForm(_ProposalFields):
    """A pupil's proposal: school and grade only, never a name."""

    school = forms.CharField(label=_("School (optional)"), max_length=120, required=False)
    grade = forms.IntegerField(
        label=_("Grade (optional)"), min_value=0, max_value=MAX_GRADE, required=False
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def to_input(self) -> ProposalInput:
        d = self.cleaned_data
        return ProposalInput(
            channel=Channel.PUPILS_COUNCIL,
            text=d["text"],
            school=d["school"],
            grade=d["grade"],
            themes=self.themes_list(),
        )


class CitizenProposalForm(_ProposalFields):
    """A citizen's proposal; contact details are optional and never shown publicly."""

    contact_name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    contact_phone = forms.CharField(label=_("Telephone (optional)"), max_length=40, required=False)
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def to_input(self) -> ProposalInput:
        d = self.cleaned_data
        return ProposalInput(
            channel=Channel.CITIZEN,
            text=d["text"],
            themes=self.themes_list(),
            contact_name=d["contact_name"],
            contact_email=d["contact_email"],
            contact_phone=d["contact_phone"],
        )


class PaperProposalForm(_ProposalFields):
    """A proposal collected on paper, typed in by staff."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received = forms.DateField(label=_("Received"), required=False, widget=DateInput)
    school = forms.CharField(label=_("School (pupils only)"), max_length=120, required=False)
    grade = forms.IntegerField(
        label=_("Grade (pupils only)"), min_value=0, max_value=MAX_GRADE, required=False
    )
    contact_name = forms.CharField(label=_("Name (citizens only)"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail (citizens only)"), required=False)
    contact_phone = forms.CharField(
        label=_("Telephone (citizens only)"), max_length=40, required=False
    )
    field_order = ["channel", "text", "themes", "received", "school", "grade"]

    def to_input(self) -> ProposalInput:
        d = self.cleaned_data
        return ProposalInput(
            channel=d["channel"],
            text=d["text"],
            school=d["school"],
            grade=d["grade"],
            themes=self.themes_list(),
            received=d["received"],
            contact_name=d["contact_name"],
            contact_email=d["contact_email"],
            contact_phone=d["contact_phone"],
        )


class ProposalImportForm(forms.Form):
    file = UploadField(
        label=_("File of proposals (CSV or XLSX)"),
        help_text=_("One proposal per row; the columns are described below."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)


class ModerationForm(forms.Form):
    publish = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Publish")), ("no", _("Do not publish"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    hidden_reason = forms.ChoiceField(
        label=_("Reason for not publishing"),
        choices=[("", "—"), *Proposal.HiddenReason.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Text to publish"),
        max_length=4000,
        widget=forms.Textarea,
        help_text=_(
            "Remove names and other personal data here; the text as sent is kept, never shown."
        ),
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)


class SelectForm(forms.Form):
    proposals = forms.TypedMultipleChoiceField(
        label=_("Proposals"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Why these were selected"), max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args: Any, candidates: list[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["proposals"])
        field.choices = [(p.pk, f"#{p.pk} {p.text[:120]}") for p in candidates]


class AssignForm(forms.Form):
    proposals = forms.TypedMultipleChoiceField(
        label=_("Proposals"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    deadline = forms.DateField(label=_("Answer by"), widget=DateInput)

    def __init__(
        self, *args: Any, municipality: Municipality, candidates: list[Proposal], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["department"]
        ).queryset = municipality.departments.all()
        field = cast(forms.TypedMultipleChoiceField, self.fields["proposals"])
        field.choices = [(p.pk, f"#{p.pk} {p.text[:120]}") for p in candidates]


class MergeForm(forms.Form):
    others = forms.CharField(
        label=_("Numbers of the duplicates"),
        max_length=500,
        help_text=_("The proposal numbers (#) that say the same, separated by commas."),
    )

    def clean_others(self) -> list[int]:
        parts = [p.strip().lstrip("#") for p in self.cleaned_data["others"].split(",")]
        if not parts or any(not p.isdigit() or len(p) > 9 for p in parts if p):
            raise forms.ValidationError(_("Write proposal numbers separated by commas."))
        return [int(p) for p in parts if p]


class StateForm(forms.Form):
    state = forms.ModelChoiceField(
        label=pgettext_lazy("proposal", "State"), queryset=ProposalState.objects.none()
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["state"]).queryset = ProposalState.objects.filter(
            municipality=municipality
        )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Answer.Decision.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Required when the proposal is rejected."),
    )
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea)
    cost_sek = forms.DecimalField(
        label=_("Cost (SEK)"), required=False, min_value=0, max_value=10**12, decimal_places=0
    )
    period_start = forms.DateField(label=_("Period from"), required=False, widget=DateInput)
    period_end = forms.DateField(label=_("Period to"), required=False, widget=DateInput)
    action = forms.ModelChoiceField(
        label=_("Carried out by the action"), queryset=Action.objects.none(), required=False
    )
    measure = forms.ModelChoiceField(
        label=_("Carried out by the measure"), queryset=Measure.objects.none(), required=False
    )
    commitment = forms.ModelChoiceField(
        label=_("Carried out by the commitment"),
        queryset=Commitment.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ModelChoiceField], self.fields)
        fields["action"].queryset = actions_of_municipality(municipality)
        fields["measure"].queryset = measures_of_municipality(municipality)
        fields["commitment"].queryset = commitments_of_municipality(municipality).order_by(
            "-version__year", "title"
        )

    def to_input(self) -> AnswerInput:
        d = self.cleaned_data
        return AnswerInput(
            decision=d["decision"],
            text=d["text"],
            reason=d["reason"],
            cost_sek=d["cost_sek"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            action_id=d["action"].pk if d["action"] else None,
            measure_id=d["measure"].pk if d["measure"] else None,
            commitment_id=d["commitment"].pk if d["commitment"] else None,
        )

    @staticmethod
    def initial_for(answer: Answer) -> dict[str, Any]:
        return {
            "decision": answer.decision,
            "reason": answer.reason,
            "text": answer.text,
            "cost_sek": answer.cost_sek,
            "period_start": answer.period_start,
            "period_end": answer.period_end,
            "action": answer.action_id,
            "measure": answer.measure_id,
            "commitment": answer.commitment_id,
        }
