"""Forms for actions and their status updates; the services do the checking that matters."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.contracts.selectors import commitments_of_municipality
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.selectors import indicators_of
from klimatkontrakt.investments.models import FUNDER_KINDS, Measure
from klimatkontrakt.investments.selectors import measures_of_municipality
from klimatkontrakt.organisations.models import Department, Organisation
from klimatkontrakt.plans.models import Action, ActionPlan, ActionStatus, WorkPackage
from klimatkontrakt.plans.services import ActionInput
from klimatkontrakt.web.uploads import UploadField


class DateInput(forms.DateInput):
    input_type = "date"


class ActionForm(forms.Form):
    identifier = forms.CharField(label=_("Identifier"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    work_package = forms.ModelChoiceField(
        label=_("Work package or development area"),
        queryset=WorkPackage.objects.none(),
        required=False,
    )
    responsible_department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=Department.objects.none(), required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    start_date = forms.DateField(label=_("Start"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("End"), required=False, widget=DateInput)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"), queryset=Indicator.objects.none(), required=False
    )
    commitments = forms.ModelMultipleChoiceField(
        label=_("Contract commitments"),
        queryset=Commitment.objects.none(),
        required=False,
        help_text=_("The link follows the commitment into later contract versions."),
    )
    measures = forms.ModelMultipleChoiceField(
        label=_("Investment-plan measures"), queryset=Measure.objects.none(), required=False
    )
    funders = forms.ModelMultipleChoiceField(
        label=_("Funded by or part of a programme of"),
        queryset=Organisation.objects.filter(kind__in=FUNDER_KINDS),
        required=False,
        help_text=_("The agencies or programmes whose funding or programme the action uses."),
    )

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        muni = plan.municipality
        fields = cast(dict[str, forms.ModelChoiceField], self.fields)
        fields["work_package"].queryset = plan.work_packages.all()
        fields["responsible_department"].queryset = muni.departments.all()
        fields["indicators"].queryset = indicators_of(muni)
        fields["commitments"].queryset = commitments_of_municipality(muni).order_by(
            "-version__year", "title"
        )
        fields["commitments"].label_from_instance = lambda c: f"{c.version.year}: {c.title}"  # type: ignore[method-assign,assignment]
        fields["measures"].queryset = measures_of_municipality(muni)
        fields["measures"].label_from_instance = lambda m: f"{m.plan.name}: {m.name}"  # type: ignore[method-assign,assignment]

    @classmethod
    def initial_for(cls, a: Action) -> dict[str, Any]:
        return {
            "identifier": a.identifier,
            "title": a.title,
            "description": a.description,
            "work_package": a.work_package_id,
            "responsible_department": a.responsible_department_id,
            "contact_name": a.contact_name,
            "contact_email": a.contact_email,
            "start_date": a.start_date,
            "end_date": a.end_date,
            "indicators": [i.pk for i in a.indicators.all()],
            "commitments": [c.pk for c in a.commitments.all()],
            "measures": [m.pk for m in a.measures.all()],
            "funders": [o.pk for o in a.funders.all()],
        }

    def to_input(self) -> ActionInput:
        d = self.cleaned_data
        return ActionInput(
            identifier=d["identifier"],
            title=d["title"],
            description=d["description"],
            work_package=d["work_package"],
            responsible_department=d["responsible_department"],
            contact_name=d["contact_name"],
            contact_email=d["contact_email"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            indicators=list(d["indicators"]),
            commitments=list(d["commitments"]),
            measures=list(d["measures"]),
            funders=list(d["funders"]),
        )


class UpdateForm(forms.Form):
    status = forms.ModelChoiceField(label=_("Status"), queryset=ActionStatus.objects.none())
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    text = forms.CharField(
        label=_("What has happened"),
        widget=forms.Textarea,
        help_text=_("Say what has happened since the last update."),
    )

    def __init__(self, *args: Any, action: Action, language: str = "sv", **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ModelChoiceField], self.fields)
        fields["status"].queryset = ActionStatus.objects.filter(
            municipality=action.plan.municipality
        )
        fields["status"].label_from_instance = lambda s: s.label(language)  # type: ignore[method-assign,assignment]


class ActionImportForm(forms.Form):
    file = UploadField(
        label=_("Action table (XLSX)"),
        help_text=_("One action per row; the columns are described below."),
    )
