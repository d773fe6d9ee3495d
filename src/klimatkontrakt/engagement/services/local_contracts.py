"""Writes for local climate contracts by the municipality's editors: the sign-up rule, versions
of the text, the catalogue of standard pledges, approving signatories, linking pledges to what
they support, and the indicator of active signatories. Signatories' own writes (sign-up,
confirmation, yearly report) are in local_contract_signatories."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.contracts.selectors import commitments_of_municipality
from klimatkontrakt.engagement.models import (
    LocalContract,
    LocalContractVersion,
    Pledge,
    Signatory,
    StandardPledge,
)
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.services import store_computed_values
from klimatkontrakt.organisations.access import recorded_account, require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.selectors import actions_of_municipality
from klimatkontrakt.sources.sectors import SECTORS

INDICATOR_NAME = "Aktiva undertecknare av lokala klimatkontrakt"
PROVENANCE = "Lokala klimatkontrakt i Klimatkontrakt: godkända undertecknare vid årets slut"
# The contract commitment the indicator follows, found by its title (Swedish or English).
COMMITMENT_WORDS = ("lokala klimatkontrakt", "local climate contract")


def contract_of(municipality: Municipality) -> LocalContract:
    contract, _created = LocalContract.objects.get_or_create(municipality=municipality)
    return contract


@transaction.atomic
def save_rule(
    user: Any, municipality: Municipality, *, min_pledges: int, roadmap_instead: bool
) -> LocalContract:
    require_edit(user, municipality)
    if not 1 <= min_pledges <= 50:
        raise ValidationError({"min_pledges": _("Give a number from 1 to 50.")})
    contract = contract_of(municipality)
    contract.min_pledges = min_pledges
    contract.roadmap_instead = roadmap_instead
    contract.save()
    return contract


def _check_text(title: str, text: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the version a title.")
    if not text.strip():
        errors["text"] = _("Write the text of the contract.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_version(
    user: Any, municipality: Municipality, *, title: str, text: str
) -> LocalContractVersion:
    """A new draft, numbered after the last version."""
    require_edit(user, municipality)
    _check_text(title, text)
    contract = contract_of(municipality)
    last = contract.versions.aggregate(n=Max("number"))["n"] or 0
    return LocalContractVersion.objects.create(
        contract=contract, number=last + 1, title=title.strip(), text=text.strip()
    )


@transaction.atomic
def update_version(
    user: Any, version: LocalContractVersion, *, title: str, text: str
) -> LocalContractVersion:
    require_edit(user, version.contract.municipality)
    if version.is_published:
        raise ValidationError(_("A published version cannot be changed; make a new version."))
    _check_text(title, text)
    version.title, version.text = title.strip(), text.strip()
    version.save()
    return version


@transaction.atomic
def publish_version(user: Any, version: LocalContractVersion) -> LocalContractVersion:
    require_edit(user, version.contract.municipality)
    if not version.is_published:
        version.state = LocalContractVersion.State.PUBLISHED
        version.published_at = timezone.now()
        version.save()
    return version


@dataclass
class StandardPledgeInput:
    title: str
    sector: str
    unit: str
    description: str = ""
    default_t_per_unit: Decimal | None = None
    default_source: str = ""
    is_active: bool = True


def _check_standard(data: StandardPledgeInput) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the pledge a title.")
    if data.sector not in SECTORS:
        errors["sector"] = _("Choose one of SMHI's main sectors.")
    if not data.unit.strip():
        errors["unit"] = _("Give the unit the pledge is measured in.")
    if data.default_t_per_unit is not None:
        if not data.default_t_per_unit.is_finite() or data.default_t_per_unit < 0:
            errors["default_t_per_unit"] = _("Give a number of 0 or more.")
        elif not data.default_source.strip():
            errors["default_source"] = _("Name the source of the default reduction.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_standard_pledge(
    user: Any,
    municipality: Municipality,
    data: StandardPledgeInput,
    pledge: StandardPledge | None = None,
) -> StandardPledge:
    require_edit(user, municipality)
    _check_standard(data)
    contract = contract_of(municipality)
    if pledge is None:
        order = contract.standard_pledges.aggregate(n=Max("order"))["n"]
        pledge = StandardPledge(contract=contract, order=0 if order is None else order + 1)
    for name, value in vars(data).items():
        setattr(pledge, name, value.strip() if isinstance(value, str) else value)
    pledge.save()
    return pledge


@transaction.atomic
def decide(user: Any, signatory: Signatory, *, approve: bool) -> Signatory:
    """An editor approves a confirmed signatory (it counts and, with consent, is shown) or
    rejects it. An approved one may be rejected later, which stops it counting."""
    municipality = signatory.contract.municipality
    require_edit(user, municipality)
    if signatory.state == Signatory.State.UNCONFIRMED:
        raise ValidationError(_("The signatory has not confirmed the e-mail address yet."))
    signatory.state = Signatory.State.APPROVED if approve else Signatory.State.REJECTED
    signatory.decided_at = timezone.now()
    signatory.decided_by = recorded_account(user)
    signatory.save()
    refresh_signatory_indicator(municipality)
    return signatory


@transaction.atomic
def link_pledge(
    user: Any, pledge: Pledge, *, commitment_ids: list[int], action_ids: list[int]
) -> Pledge:
    """The contract commitments and action-plan actions the pledge supports, of its own
    municipality only."""
    municipality = pledge.signatory.contract.municipality
    require_edit(user, municipality)
    commitments = list(commitments_of_municipality(municipality).filter(pk__in=commitment_ids))
    actions = list(actions_of_municipality(municipality).filter(pk__in=action_ids))
    missing = {
        "commitment_ids": set(commitment_ids) - {c.pk for c in commitments},
        "action_ids": set(action_ids) - {a.pk for a in actions},
    }
    errors = {k: _("Unknown ids: %(ids)s") % {"ids": sorted(v)} for k, v in missing.items() if v}
    if errors:
        raise ValidationError(errors)
    pledge.commitments.set(commitments)
    pledge.actions.set(actions)
    return pledge


def supported_commitment(municipality: Municipality) -> str:
    """The title of the contract commitment to increase the number of local climate contracts,
    from the latest version that has one; '' when the contract has none."""
    words = Q()
    for w in COMMITMENT_WORDS:
        words |= Q(title__icontains=w)
    found = commitments_of_municipality(municipality).filter(words).order_by("-version__year")
    first = found.first()
    return first.title if first is not None else ""


def active_signatories_per_year(municipality: Municipality) -> dict[int, int]:
    """Signatories approved by the end of each year since the first approval (and still so)."""
    approved = sorted(
        d.year
        for d in Signatory.objects.filter(
            contract__municipality=municipality,
            state=Signatory.State.APPROVED,
            decided_at__isnull=False,
        ).values_list("decided_at", flat=True)
        if d is not None
    )
    if not approved:
        return {}
    last = max(timezone.now().year, approved[-1])
    return {y: sum(1 for a in approved if a <= y) for y in range(approved[0], last + 1)}


def refresh_signatory_indicator(municipality: Municipality) -> Indicator:
    commitment = supported_commitment(municipality)
    description = "Antal godkända undertecknare (företag, organisationer och invånare) av det "
    description += "lokala klimatkontraktet vid årets slut."
    if commitment:
        description += f" Följer upp kontraktets åtagande: {commitment}."
    values = active_signatories_per_year(municipality)
    return store_computed_values(
        municipality,
        INDICATOR_NAME,
        {
            "unit": "st",
            "direction": Indicator.Direction.UP,
            "source_kind": Indicator.SourceKind.PLAN,
            "description": description,
            "is_published": True,
        },
        {y: float(n) for y, n in values.items()},
        PROVENANCE,
    )
