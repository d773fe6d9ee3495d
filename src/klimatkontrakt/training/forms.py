from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.forms import DepartmentForm
from klimatkontrakt.organisations.models import Department
from klimatkontrakt.plans.forms import DateInput
from klimatkontrakt.training.models import Training


class TrainingForm(DepartmentForm):
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    concept = forms.CharField(label=_("Training concept"), max_length=200)
    audience = forms.ChoiceField(label=_("Trained"), choices=Training.Audience.choices)
    department = forms.ModelChoiceField(
        label=_("Board, committee or department"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Required when a board or committee was trained."),
    )
    participants = forms.IntegerField(label=_("Participants"), min_value=0, required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Shown only to the municipality's users. Do not write people's names."),
    )
