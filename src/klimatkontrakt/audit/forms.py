"""The change log page's filters."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"


class LogFilter(forms.Form):
    fran = forms.DateField(label=_("From"), required=False, widget=DateInput)
    till = forms.DateField(label=_("To"), required=False, widget=DateInput)
    typ = forms.ChoiceField(label=_("Object type"), required=False)
    konto = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)

    def __init__(
        self,
        data: Any,
        *,
        types: list[tuple[str, str]],
        actors: list[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        typ, konto = self.fields["typ"], self.fields["konto"]
        assert isinstance(typ, forms.ChoiceField) and isinstance(konto, forms.ChoiceField)
        typ.choices = [("", _("All types")), *types]
        konto.choices = [("", _("Everyone")), *actors]
