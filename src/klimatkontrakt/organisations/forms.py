"""Form parts that several apps share about the municipal organisation."""

from typing import Any, cast

from django import forms

from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.selectors import departments


class DepartmentForm(forms.Form):
    """A form with a `department` choice limited to the given municipality's departments."""

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["department"])
        field.queryset = departments(municipality)
