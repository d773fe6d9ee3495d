"""The form for a goal's coordinator or team member; goal_services does the checking."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.goals.models import GoalPerson
from klimatkontrakt.goals.services import PersonInput
from klimatkontrakt.organisations.forms import DepartmentForm
from klimatkontrakt.organisations.models import Department


class GoalPersonForm(DepartmentForm):
    role = forms.ChoiceField(label=_("Role in the team"), choices=GoalPerson.Role.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("E.g. climate strategist.")
    )
    department = forms.ModelChoiceField(
        label=_("Department or company"), queryset=Department.objects.none(), required=False
    )
    organisation = forms.CharField(
        label=_("Other organisation"),
        max_length=200,
        required=False,
        help_text=_("A company or organisation outside the municipal group."),
    )
    email = forms.EmailField(
        label=_("Work e-mail"),
        required=False,
        help_text=_("Shown only to the municipality's own users, never to the public."),
    )

    @classmethod
    def initial_for(cls, p: GoalPerson) -> dict[str, Any]:
        return {
            "role": p.role,
            "name": p.name,
            "title": p.title,
            "department": p.department_id,
            "organisation": p.organisation,
            "email": p.email,
        }

    def to_input(self) -> PersonInput:
        d = self.cleaned_data
        return PersonInput(
            role=d["role"],
            name=d["name"],
            title=d["title"],
            department=d["department"],
            organisation=d["organisation"],
            email=d["email"],
        )
