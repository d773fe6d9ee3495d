"""The form on which a municipality's administrators give the facts its catalogue needs."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CatalogueFactsForm(forms.Form):
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_(
            "The municipality's organisation number, e.g. 212000-1850. Without it the "
            "municipality has no catalogue of its own."
        ),
    )
    open_data_email = forms.EmailField(
        label=_("Contact e-mail for open data"),
        required=False,
        help_text=_(
            "A functional mailbox of the municipality, e.g. oppnadata@kommun.se, never a "
            "person's own address: it is published in the catalogue."
        ),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown as the contact point's address when no e-mail is given."),
    )
