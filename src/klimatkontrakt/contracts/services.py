"""Every write to the contract register. One function per use case, each in a transaction."""

from dataclasses import dataclass
from typing import Any, Self

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.contracts.models import (
    Commitment,
    CommitmentChange,
    CommitmentStatus,
    CommonPart,
    Contract,
    ContractVersion,
    FrozenVersionError,
    Party,
    Section,
)
from klimatkontrakt.contracts.structure import (
    DEFAULT_STATUSES,
    LOCKED_KEYS,
    STRUCTURE,
    is_locked_for_city,
)
from klimatkontrakt.organisations.access import recorded_account, require_edit
from klimatkontrakt.organisations.models import Department, Municipality, Organisation

__all__ = [
    "FrozenVersionError",
    "StaleEditError",
    "CommitmentInput",
    "create_commitment",
    "update_commitment",
    "delete_commitment",
    "sign_version",
    "start_next_version",
    "create_version",
    "ensure_statuses",
]

TRACKED_FIELDS = [
    "joint",
    "title",
    "description",
    "planned_year",
    "status",
    "responsible_department",
    "tags",
    "party",
    "section",
]


class StaleEditError(Exception):
    """Somebody else saved the commitment after this edit was started."""


@dataclass
class CommitmentInput:
    party: Party
    section: Section
    title: str
    status: CommitmentStatus
    description: str = ""
    planned_year: int | None = None
    responsible_department: Department | None = None
    tags: list[str] | None = None
    joint: bool = False

    @classmethod
    def of(cls, c: Commitment, **changes: Any) -> Self:
        """The commitment as it stands, with `changes` (field=value) made: for an edit of a few
        fields from the version page or the demo."""
        fields: dict[str, Any] = {
            "party": c.party,
            "section": c.section,
            "title": c.title,
            "status": c.status,
            "description": c.description,
            "planned_year": c.planned_year,
            "responsible_department": c.responsible_department,
            "tags": list(c.tags),
            "joint": c.joint,
        }
        return cls(**{**fields, **changes})


def ensure_statuses(municipality: Municipality) -> list[CommitmentStatus]:
    if not municipality.commitment_statuses.exists():
        for order, (key, sv, en, carries) in enumerate(DEFAULT_STATUSES):
            CommitmentStatus.objects.create(
                municipality=municipality,
                key=key,
                name_sv=sv,
                name_en=en,
                carries_over=carries,
                order=order,
            )
    return list(municipality.commitment_statuses.all())


def _require_draft(version: ContractVersion) -> None:
    if version.is_signed:
        raise FrozenVersionError(
            _("The %(year)s version is signed and can no longer be changed.")
            % {"year": version.year}
        )


def _clean_tags(tags: list[str] | None) -> list[str]:
    seen: list[str] = []
    for tag in tags or []:
        tag = tag.strip()
        if tag and tag.lower() not in (t.lower() for t in seen):
            seen.append(tag)
    return seen


def _validate(version: ContractVersion, data: CommitmentInput) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("A title is required.")
    elif len(data.title) > 300:
        errors["title"] = _("The title can be at most 300 characters.")
    if data.party.version_id != version.pk:
        errors["party"] = _("The party does not belong to this version.")
    if data.section.version_id != version.pk:
        errors["section"] = _("The section does not belong to this version.")
    elif version.common_part_id and data.section.key in LOCKED_KEYS:
        errors["section"] = _(
            "This section belongs to the common part of the contract, which Viable Cities' "
            "programme office keeps."
        )
    if data.status.municipality_id != version.contract.municipality_id:
        errors["status"] = _("The status does not belong to this municipality.")
    dept = data.responsible_department
    if dept is not None and dept.municipality_id != version.contract.municipality_id:
        errors["responsible_department"] = _("The department is not in this municipality.")
    if data.planned_year is not None and not 2000 <= data.planned_year <= 2100:
        errors["planned_year"] = _("Give a year between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)


def _snapshot(c: Commitment) -> dict[str, Any]:
    return {
        "title": c.title,
        "description": c.description,
        "planned_year": c.planned_year,
        "status": c.status.key,
        "responsible_department": c.responsible_department.name
        if c.responsible_department
        else None,
        "tags": list(c.tags),
        "party": c.party.organisation.name,
        "joint": c.joint,
        "section": c.section.number,
    }


@transaction.atomic
def create_commitment(user: Any, version: ContractVersion, data: CommitmentInput) -> Commitment:
    version = ContractVersion.objects.select_for_update().get(pk=version.pk)
    require_edit(user, version.contract.municipality)
    _require_draft(version)
    _validate(version, data)
    order = version.commitments.filter(section=data.section).count()
    c = Commitment.objects.create(
        version=version,
        party=data.party,
        section=data.section,
        title=data.title.strip(),
        description=data.description.strip(),
        planned_year=data.planned_year,
        status=data.status,
        responsible_department=data.responsible_department,
        tags=_clean_tags(data.tags),
        joint=data.joint,
        order=order,
    )
    CommitmentChange.objects.create(
        commitment=c,
        version=version,
        lineage=c.lineage,
        user=recorded_account(user),
        action=CommitmentChange.Kind.CREATED,
        changes={k: [None, v] for k, v in _snapshot(c).items()},
    )
    return c


@transaction.atomic
def update_commitment(
    user: Any, commitment: Commitment, data: CommitmentInput, *, expected_edit_version: int
) -> Commitment:
    """Save an edit made on `expected_edit_version`; refuse it if someone saved in between."""
    c = (
        Commitment.objects.select_for_update()
        .select_related("version__contract")
        .get(pk=commitment.pk)
    )
    require_edit(user, c.version.contract.municipality)
    _require_draft(c.version)
    if c.edit_version != expected_edit_version:
        raise StaleEditError(
            _(
                "Someone else saved this commitment while you were editing it. "
                "Reload the page to see their change, then make yours again."
            )
        )
    _validate(c.version, data)
    before = _snapshot(c)
    c.party, c.section, c.title = data.party, data.section, data.title.strip()
    c.description, c.planned_year = data.description.strip(), data.planned_year
    c.status, c.responsible_department = data.status, data.responsible_department
    c.tags = _clean_tags(data.tags)
    c.joint = data.joint
    after = _snapshot(c)
    changes = {k: [before[k], after[k]] for k in TRACKED_FIELDS if before[k] != after[k]}
    if not changes:
        return c
    c.edit_version = F("edit_version") + 1
    c.save()
    c.refresh_from_db()
    CommitmentChange.objects.create(
        commitment=c,
        version=c.version,
        lineage=c.lineage,
        user=recorded_account(user),
        action=CommitmentChange.Kind.UPDATED,
        changes=changes,
    )
    return c


@transaction.atomic
def delete_commitment(user: Any, commitment: Commitment) -> None:
    c = (
        Commitment.objects.select_for_update()
        .select_related("version__contract")
        .get(pk=commitment.pk)
    )
    require_edit(user, c.version.contract.municipality)
    _require_draft(c.version)
    CommitmentChange.objects.create(
        commitment=None,
        version=c.version,
        lineage=c.lineage,
        user=recorded_account(user),
        action=CommitmentChange.Kind.DELETED,
        changes={k: [v, None] for k, v in _snapshot(c).items()},
    )
    c.delete()


@transaction.atomic
def update_section_text(user: Any, section: Section, body: str) -> Section:
    s = Section.objects.select_for_update().select_related("version__contract").get(pk=section.pk)
    require_edit(user, s.version.contract.municipality)
    _require_draft(s.version)
    if s.version.common_part_id and is_locked_for_city(s.key):
        raise PermissionDenied(
            _(
                "This section is the common part of the contract, the same in every city's "
                "contract; Viable Cities' programme office keeps it."
            )
        )
    s.body = body.strip()
    s.save(update_fields=["body"])
    return s


def take_common_part(versions: QuerySet[ContractVersion], part: CommonPart) -> int:
    """Draft versions started before their year's common part take it: the text they held in
    the locked sections gives way to the common part's (their rows of the programme's and the
    agencies' commitments stay until an editor removes them). Runs inside the caller's
    transaction, which also saves a row that renews the page cache."""
    ids = list(versions.filter(state=ContractVersion.State.DRAFT).values_list("pk", flat=True))
    Section.objects.filter(version__in=ids, key__in=LOCKED_KEYS).update(body="")
    return ContractVersion.objects.filter(pk__in=ids).update(common_part=part)


@transaction.atomic
def sign_version(user: Any, version: ContractVersion) -> ContractVersion:
    v = ContractVersion.objects.select_for_update().select_related("contract").get(pk=version.pk)
    require_edit(user, v.contract.municipality)
    _require_draft(v)
    if not v.parties.exists():
        raise ValidationError({"parties": _("A version needs its parties before it is signed.")})
    common = CommonPart.objects.filter(year=v.year).first()
    if common is not None and v.common_part_id is None:
        # Started before the programme office started the year's part.
        take_common_part(ContractVersion.objects.filter(pk=v.pk), common)
        v.refresh_from_db()
    if v.common_part is not None and not v.common_part.is_fixed:
        raise ValidationError(
            {
                "common_part": _(
                    "Viable Cities' programme office has not fixed the common part of "
                    "%(year)s yet; the version can be signed once it is fixed."
                )
                % {"year": v.year}
            }
        )
    v.state = ContractVersion.State.SIGNED
    v.signed_at = timezone.now()
    v.signed_by = recorded_account(user)
    v.is_published = True
    v.save(update_fields=["state", "signed_at", "signed_by", "is_published"])
    return v


@transaction.atomic
def set_published(user: Any, version: ContractVersion, published: bool) -> ContractVersion:
    v = ContractVersion.objects.select_for_update().select_related("contract").get(pk=version.pk)
    require_edit(user, v.contract.municipality)
    _require_draft(v)
    v.is_published = published
    v.save(update_fields=["is_published"])
    return v


@transaction.atomic
def create_version(
    contract: Contract,
    year: int,
    *,
    parties: list[tuple[Organisation, str, str, str]],
    section_texts: dict[str, str] | None = None,
) -> ContractVersion:
    """A fresh version with the standard sections. `parties`: (organisation, role, name, title)."""
    if contract.versions.filter(year=year).exists():
        raise ValidationError(
            {"year": _("There is already a version for %(year)s.") % {"year": year}}
        )
    ensure_statuses(contract.municipality)
    common = CommonPart.objects.filter(year=year).first()
    v = ContractVersion.objects.create(contract=contract, year=year, common_part=common)
    for order, (org, role, name, title) in enumerate(parties):
        Party.objects.create(
            version=v,
            organisation=org,
            role=role,
            order=order,
            signatory_name=name,
            signatory_title=title,
        )
    texts = section_texts or {}
    for order, spec in enumerate(STRUCTURE):
        Section.objects.create(
            version=v,
            key=spec.key,
            number=spec.number,
            title=spec.title_sv,
            body="" if common and is_locked_for_city(spec.key) else texts.get(spec.key, ""),
            order=order,
        )
    return v


@transaction.atomic
def start_next_version(user: Any, version: ContractVersion) -> ContractVersion:
    """Copy a signed version to next year; unfinished commitments carry over, finished stay."""
    v = ContractVersion.objects.select_for_update().select_related("contract").get(pk=version.pk)
    require_edit(user, v.contract.municipality)
    if not v.is_signed:
        raise ValidationError(_("Sign this version before starting next year's."))
    year = v.year + 1
    if v.contract.versions.filter(year=year).exists():
        raise ValidationError(_("There is already a version for %(year)s.") % {"year": year})
    common = CommonPart.objects.filter(year=year).first()
    new = ContractVersion.objects.create(
        contract=v.contract, year=year, previous=v, common_part=common
    )
    party_map: dict[int, Party] = {}
    for p in v.parties.all():
        party_map[p.pk] = Party.objects.create(
            version=new,
            organisation=p.organisation,
            role=p.role,
            order=p.order,
            signatory_name=p.signatory_name,
            signatory_title=p.signatory_title,
        )
    section_map: dict[int, Section] = {}
    for s in v.sections.all():
        locked = common is not None and is_locked_for_city(s.key)
        section_map[s.pk] = Section.objects.create(
            version=new,
            key=s.key,
            number=s.number,
            title=s.title,
            body="" if locked else s.body,
            order=s.order,
        )
    carried = v.commitments.filter(status__carries_over=True).select_related("status")
    if common is not None:
        # The programme's and agencies' commitments come from the year's common part.
        carried = carried.exclude(section__key__in=LOCKED_KEYS)
    for c in carried:
        copy = Commitment.objects.create(
            version=new,
            lineage=c.lineage,
            party=party_map[c.party_id],
            section=section_map[c.section_id],
            title=c.title,
            description=c.description,
            planned_year=c.planned_year,
            status=c.status,
            responsible_department=c.responsible_department,
            tags=list(c.tags),
            joint=c.joint,
            carried_over_from=c,
            order=c.order,
        )
        CommitmentChange.objects.create(
            commitment=copy,
            version=new,
            lineage=c.lineage,
            user=recorded_account(user),
            action=CommitmentChange.Kind.CARRIED_OVER,
            changes={"from_version": [None, v.year]},
        )
    return new


def prepare_visibility(version: ContractVersion, visibility: str) -> list[str]:
    """A signed version is public and stays so; a draft may be private, shared or public."""
    from klimatkontrakt.organisations.sharing import SharingRefused

    try:
        _require_draft(version)
    except FrozenVersionError as exc:
        raise SharingRefused(str(exc)) from exc
    return []
