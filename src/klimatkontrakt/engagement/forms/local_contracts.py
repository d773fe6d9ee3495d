"""Forms of local climate contracts: the public sign-up (with a honeypot field), the yearly report
through the personal link, and the editor's forms. The services check meaning; these parse."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.engagement.models import PledgeReport, Signatory, StandardPledge
from klimatkontrakt.engagement.services.local_contract_signatories import (
    PledgeInput,
    ReportInput,
    SignUpInput,
)
from klimatkontrakt.engagement.services.local_contracts import StandardPledgeInput
from klimatkontrakt.sources.sectors import SECTORS, sector_label


def amount_field(label: Any) -> forms.DecimalField:
    """An optional value of 0 or more with at most three decimals."""
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("1e10"),
        decimal_places=3,
        localize=True,  # "2,5" as a Swede writes it; "2.5" works too
    )


def sector_choices() -> list[tuple[str, str]]:
    return [(s, sector_label(s)) for s in SECTORS]


class SignUpForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who signs"), choices=Signatory.Kind.choices)
    name = forms.CharField(label=_("Name of the organisation"), max_length=200, required=False)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_("Ten digits, e.g. 556677-8899."),
    )
    org_sector = forms.ChoiceField(
        label=_("Sector of activity"),
        choices=[("", "–"), *Signatory.OrgSector.choices],
        required=False,
    )
    size = forms.ChoiceField(
        label=_("Size"), choices=[("", "–"), *Signatory.Size.choices], required=False
    )
    roadmap = forms.CharField(
        label=_("Sector roadmap followed instead of pledges"),
        max_length=200,
        required=False,
        help_text=_("Organisations only, where the contract allows it."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_(
            "We send the confirmation and the yearly report link here. Residents may leave it "
            "empty. Never shown publicly."
        ),
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    consent_to_publish = forms.BooleanField(
        label=_("Show our organisation's name, pledges and progress on the public page"),
        required=False,
    )
    # A field people never see (hidden wrapper); a robot that fills it is turned away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def to_input(self, pledges: list[PledgeInput]) -> SignUpInput:
        d = self.cleaned_data
        return SignUpInput(
            kind=d["kind"],
            name=d["name"],
            org_number=d["org_number"],
            org_sector=d["org_sector"],
            size=d["size"],
            roadmap=d["roadmap"],
            contact_name=d["contact_name"],
            contact_email=d["contact_email"],
            contact_phone=d["contact_phone"],
            consent_to_publish=d["consent_to_publish"],
            pledges=pledges,
        )


class PledgeForm(forms.Form):
    """One pledge of the sign-up: a standard one (chosen with the box) or the custom one."""

    chosen = forms.BooleanField(label=_("I take this pledge"), required=False)
    title = forms.CharField(label=_("Own pledge"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("SMHI sector"), choices=[], required=False)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), min_value=1990, max_value=2100, required=False
    )
    baseline_value = amount_field(_("Baseline value"))
    target_value = amount_field(_("Target value"))
    target_year = forms.IntegerField(
        label=_("Target year"), min_value=1990, max_value=2100, required=False
    )

    def __init__(self, *args: Any, standard: StandardPledge | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.standard = standard
        self.fields["sector"].choices = [("", "–"), *sector_choices()]  # type: ignore[attr-defined]
        if standard is not None:
            for name in ("title", "sector", "unit"):
                del self.fields[name]
        else:
            del self.fields["chosen"]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        wanted = d.get("chosen") if self.standard is not None else bool(d.get("title"))
        if wanted:
            for name in ("baseline_year", "baseline_value", "target_value", "target_year"):
                if d.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Give this for the pledge."))
            if self.standard is None:
                for name in ("sector", "unit"):
                    if not d.get(name):
                        self.add_error(name, _("Give this for the pledge."))
        return d

    def to_input(self) -> PledgeInput | None:
        d = self.cleaned_data
        if self.standard is not None:
            if not d.get("chosen"):
                return None
            title, sector, unit = self.standard.title, self.standard.sector, self.standard.unit
        else:
            if not d.get("title"):
                return None
            title, sector, unit = d["title"], d["sector"], d["unit"]
        return PledgeInput(
            title=title,
            sector=sector,
            unit=unit,
            baseline_year=d["baseline_year"],
            baseline_value=d["baseline_value"],
            target_value=d["target_value"],
            target_year=d["target_year"],
            standard=self.standard,
        )


class ReportEntryForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PledgeReport.Status.choices)
    what_was_done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=2000,
    )  # fmt: skip
    reported_t = amount_field(_("Estimated reduction (t CO2e per year)"))
    quantity = amount_field(_("Quantity"))

    def __init__(self, *args: Any, pledge: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.pledge = pledge
        factor = pledge.standard.default_t_per_unit if pledge.standard else None
        if factor is None:
            del self.fields["quantity"]
        else:
            self.fields["quantity"].label = _("Quantity (%(unit)s)") % {"unit": pledge.unit}
            self.fields["quantity"].help_text = _(
                "Leave the reduction empty and give the quantity: the contract's default "
                "reduction per unit gives the tonnes."
            )

    def to_input(self) -> ReportInput:
        d = self.cleaned_data
        return ReportInput(
            pledge_id=self.pledge.pk,
            status=d["status"],
            what_was_done=d["what_was_done"],
            reported_t=d["reported_t"],
            quantity=d.get("quantity"),
        )


class RuleForm(forms.Form):
    min_pledges = forms.IntegerField(
        label=_("At least this many pledges"), min_value=1, max_value=50
    )
    roadmap_instead = forms.BooleanField(
        label=_("A sector roadmap may replace the pledges"), required=False
    )


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))


class StandardPledgeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    sector = forms.ChoiceField(label=_("SMHI sector"), choices=[])
    unit = forms.CharField(label=_("Unit"), max_length=40)
    default_t_per_unit = forms.DecimalField(
        label=_("Default reduction (t CO2e per unit)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("1e6"),
        decimal_places=6,
        localize=True,
    )
    default_source = forms.CharField(
        label=_("Source of the default"), max_length=300, required=False
    )
    is_active = forms.BooleanField(label=_("Offered on sign-up"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = sector_choices()  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, p: StandardPledge) -> dict[str, Any]:
        return {k: getattr(p, k) for k in cls.base_fields}

    def to_input(self) -> StandardPledgeInput:
        return StandardPledgeInput(**self.cleaned_data)


class PledgeLinksForm(forms.Form):
    """The contract commitments and action-plan actions a pledge supports."""

    commitments: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Contract commitments it supports"), queryset=None, required=False
    )
    actions: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Actions it supports"), queryset=None, required=False
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any):
        from klimatkontrakt.contracts.selectors import commitments_of_municipality
        from klimatkontrakt.plans.selectors import actions_of_municipality

        super().__init__(*args, **kwargs)
        commitments = self.fields["commitments"]
        commitments.queryset = commitments_of_municipality(municipality)  # type: ignore[attr-defined]
        commitments.label_from_instance = lambda c: f"{c.version.year}: {c.title}"  # type: ignore[attr-defined]
        actions = self.fields["actions"]
        actions.queryset = actions_of_municipality(municipality)  # type: ignore[attr-defined]
        actions.label_from_instance = lambda a: f"{a.identifier} {a.title}"  # type: ignore[attr-defined]
