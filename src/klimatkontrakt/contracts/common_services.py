"""Writes of the common part of the contract, kept by Viable Cities' programme office; the
status of a common commitment is kept by its owner. One function per use case, each in a
transaction."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.contracts.models import (
    CommonCommitment,
    CommonPart,
    CommonSection,
    ContractVersion,
    FrozenVersionError,
)
from klimatkontrakt.contracts.services import take_common_part
from klimatkontrakt.contracts.structure import (
    BY_KEY,
    CARRIED_STATUS_KEYS,
    COMMON_COMMITMENT_KEYS,
    COMMON_KEYS,
    DEFAULT_STATUSES,
)
from klimatkontrakt.organisations.access import (
    require_common_part_edit,
    require_organisation_edit,
)
from klimatkontrakt.organisations.models import Organisation

STATUS_KEYS = [key for key, _sv, _en, _carries in DEFAULT_STATUSES]


class FixedCommonPartError(FrozenVersionError):
    """A fixed common part's text cannot change (its commitments' statuses still can). A kind
    of frozen record: the API answers 409 as for a signed version."""


@dataclass
class CommonCommitmentInput:
    section: CommonSection
    owner: Organisation
    title: str
    status: str = "planned"
    description: str = ""
    planned_year: int | None = None
    joint: bool = False


def _require_draft(part: CommonPart) -> None:
    if part.is_fixed:
        raise FixedCommonPartError(
            _("The common part of %(year)s is fixed and its text can no longer be changed.")
            % {"year": part.year}
        )


def _validate(part: CommonPart, data: CommonCommitmentInput) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("A title is required.")
    elif len(data.title) > 300:
        errors["title"] = _("The title can be at most 300 characters.")
    if data.section.common_part_id != part.pk:
        errors["section"] = _("The section does not belong to this common part.")
    elif data.section.key not in COMMON_COMMITMENT_KEYS:
        errors["section"] = _("Choose a section of the programme's or the agencies' commitments.")
    if data.owner.kind not in (Organisation.Kind.PROGRAMME, Organisation.Kind.AGENCY):
        errors["owner"] = _("The owner must be Viable Cities or one of the agencies.")
    elif data.joint and data.owner.kind != Organisation.Kind.AGENCY:
        errors["joint"] = _("Only an agency leads a joint commitment of the agencies.")
    if data.status not in STATUS_KEYS:
        errors["status"] = _("Choose a status from the list.")
    if data.planned_year is not None and not 2000 <= data.planned_year <= 2100:
        errors["planned_year"] = _("Give a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)


def link_versions(part: CommonPart) -> int:
    """Every unsigned city version of the part's year takes it (a version started before the
    programme office started the year's common part)."""
    return take_common_part(
        ContractVersion.objects.filter(
            year=part.year, common_part=None, state=ContractVersion.State.DRAFT
        ),
        part,
    )


@transaction.atomic
def start_common_part(user: Any, year: int) -> CommonPart:
    """The year's common part, started from the latest earlier one: its texts, and its
    commitments whose status carries over (same lineage, so the diff follows them)."""
    require_common_part_edit(user)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    if CommonPart.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("There is already a common part for %(year)s.") % {"year": year}}
        )
    previous = CommonPart.objects.filter(year__lt=year).order_by("-year").first()
    # The chain stays one-to-one when a later year was started from the same part already.
    chained = previous if previous is not None and not hasattr(previous, "next_part") else None
    part = CommonPart.objects.create(year=year, previous=chained)
    old = {s.key: s for s in previous.sections.all()} if previous else {}
    sections: dict[str, CommonSection] = {}
    for order, key in enumerate(COMMON_KEYS):
        spec = BY_KEY[key]
        before = old.get(key)
        sections[key] = CommonSection.objects.create(
            common_part=part,
            key=key,
            number=spec.number,
            title=before.title if before else spec.title_sv,
            body=before.body if before else "",
            order=order,
        )
    if previous is not None:
        carried = previous.commitments.filter(status__in=CARRIED_STATUS_KEYS).select_related(
            "section"
        )
        for c in carried:
            CommonCommitment.objects.create(
                common_part=part,
                lineage=c.lineage,
                section=sections[c.section.key],
                owner_id=c.owner_id,
                joint=c.joint,
                title=c.title,
                description=c.description,
                planned_year=c.planned_year,
                status=c.status,
                carried_over_from=c,
                order=c.order,
            )
    link_versions(part)
    return part


@transaction.atomic
def update_common_section(user: Any, section: CommonSection, body: str) -> CommonSection:
    require_common_part_edit(user)
    s = CommonSection.objects.select_for_update().select_related("common_part").get(pk=section.pk)
    _require_draft(s.common_part)
    s.body = body.strip()
    s.save(update_fields=["body"])
    return s


@transaction.atomic
def create_common_commitment(
    user: Any, part: CommonPart, data: CommonCommitmentInput
) -> CommonCommitment:
    require_common_part_edit(user)
    part = CommonPart.objects.select_for_update().get(pk=part.pk)
    _require_draft(part)
    _validate(part, data)
    return CommonCommitment.objects.create(
        common_part=part,
        section=data.section,
        owner=data.owner,
        joint=data.joint,
        title=data.title.strip(),
        description=data.description.strip(),
        planned_year=data.planned_year,
        status=data.status,
        order=part.commitments.filter(section=data.section).count(),
    )


@transaction.atomic
def update_common_commitment(
    user: Any, commitment: CommonCommitment, data: CommonCommitmentInput
) -> CommonCommitment:
    require_common_part_edit(user)
    c = (
        CommonCommitment.objects.select_for_update()
        .select_related("common_part")
        .get(pk=commitment.pk)
    )
    _require_draft(c.common_part)
    _validate(c.common_part, data)
    if c.status != data.status:
        c.status_changed_at = timezone.now()
    c.section, c.owner, c.joint = data.section, data.owner, data.joint
    c.title, c.description = data.title.strip(), data.description.strip()
    c.planned_year, c.status = data.planned_year, data.status
    c.save()
    return c


@transaction.atomic
def delete_common_commitment(user: Any, commitment: CommonCommitment) -> None:
    require_common_part_edit(user)
    c = CommonCommitment.objects.select_related("common_part").get(pk=commitment.pk)
    _require_draft(c.common_part)
    c.delete()


@transaction.atomic
def fix_common_part(user: Any, part: CommonPart) -> CommonPart:
    """Freeze the year's text; cities can then sign versions that carry it."""
    require_common_part_edit(user)
    p = CommonPart.objects.select_for_update().get(pk=part.pk)
    _require_draft(p)
    p.state = CommonPart.State.FIXED
    p.fixed_at = timezone.now()
    p.save(update_fields=["state", "fixed_at"])
    return p


@transaction.atomic
def set_common_status(user: Any, commitment: CommonCommitment, status: str) -> CommonCommitment:
    """The owner's follow-up of its commitment, once for every city's contract it appears in.
    Allowed also when the common part is fixed: the status is follow-up, not contract text."""
    c = (
        CommonCommitment.objects.select_for_update()
        .select_related("owner", "common_part")
        .get(pk=commitment.pk)
    )
    require_organisation_edit(user, c.owner)
    if status not in STATUS_KEYS:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if c.status != status:
        c.status = status
        c.status_changed_at = timezone.now()
        c.save(update_fields=["status", "status_changed_at", "updated_at"])
    return c
