from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    ledger = forms.CharField(label=_("Ledger"), initial="Leverantörsreskontra", max_length=200)
    ledger_files = MultipleFileField(
        label=_("Ledger files (CSV, XLSX or SIE4)"), widget=MultipleFileInput()
    )
    mapping = forms.ChoiceField(label=_("Saved column mapping"), required=False)
    threshold = forms.FloatField(
        label=_("Refuse a file with more bad rows than (%)"),
        initial=1.0,
        min_value=0,
        max_value=100,
    )

    def __init__(self, *args: Any, mappings: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("Recognise the columns automatically"))]
        choices += [(m, m) for m in mappings or []]
        self.fields["mapping"].choices = choices  # type: ignore[attr-defined]
