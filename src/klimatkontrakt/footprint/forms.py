from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.web.uploads import UploadField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(UploadField):
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
    scope = forms.CharField(
        label=_("Organisational scope of a new ledger"),
        required=False,
        max_length=200,
        help_text=_(
            "Measured energy, fuel and food data of the same scope and years are combined with "
            "the ledger. Empty: the ledger's own name, so a test file meets no measured data."
        ),
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


MAPPED_FIELDS = [
    ("account", _("Account")),
    ("amount", _("Amount excluding VAT")),
    ("date", _("Date")),
    ("supplier_name", _("Supplier name")),
    ("supplier_id", _("Supplier organisation number")),
    ("department", _("Department")),
    ("account_text", _("Account text")),
    ("buyer_id", _("Buyer organisation number")),
    ("invoice", _("Invoice number")),
    ("currency", _("Currency")),
    ("text", _("Text")),
]


class ColumnMappingForm(forms.Form):
    """The heading of each field in the municipality's own layout; empty = found by name."""

    name = forms.CharField(label=_("Name of the mapping"), max_length=200)
    delimiter = forms.ChoiceField(
        label=_("Separator"),
        required=False,
        choices=[("", _("Recognise automatically")), (";", ";"), (",", ","), ("\t", "tab")],
    )
    encoding = forms.ChoiceField(
        label=_("Character encoding"),
        required=False,
        choices=[
            ("", _("Recognise automatically")),
            ("utf-8", "UTF-8"),
            ("cp1252", "Windows-1252"),
            ("utf-16", "UTF-16"),
        ],
    )
    date_format = forms.CharField(
        label=_("Date format"),
        required=False,
        max_length=40,
        help_text=_("For example %d/%m/%Y; empty for YYYY-MM-DD, YYYYMMDD or YYYYMM."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in MAPPED_FIELDS:
            self.fields[f"col_{key}"] = forms.CharField(
                label=_("Heading for: %(field)s") % {"field": label},
                required=False,
                max_length=200,
            )

    def clean_date_format(self) -> str:
        value = str(self.cleaned_data.get("date_format") or "")
        if value and "%" not in value:
            raise forms.ValidationError(_("Use strftime codes such as %d, %m and %Y."))
        return value

    def columns(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"col_{key}"].strip()
            for key, _label in MAPPED_FIELDS
            if self.cleaned_data.get(f"col_{key}", "").strip()
        }


class TablesForm(forms.Form):
    """Rules, factors and activity data as CSV files (formats in docs/footprint.md)."""

    rules = UploadField(label=_("Rules (CSV: field, pattern, category, priority)"), required=False)
    factors = UploadField(
        label=_("Emission factors (CSV: category, value, unit, year, currency, source, licence)"),
        required=False,
    )
    activity = UploadField(
        label=_("Activity data (CSV: year, activity, quantity, unit, replaces_category …)"),
        required=False,
    )
    scope = forms.ChoiceField(
        label=_("Organisational scope of the activity data"),
        required=False,
        help_text=_("Combined only with ledgers of this scope, for the years they hold."),
    )

    def __init__(self, *args: Any, scopes: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [(s, s) for s in scopes or []]  # type: ignore[attr-defined]
