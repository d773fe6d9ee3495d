"""Contracts in the JSON API. Reads follow page visibility; writes need an editor session."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.contracts import common_selectors, selectors, services
from klimatkontrakt.contracts.models import (
    Commitment,
    CommitmentStatus,
    CommonCommitment,
    ContractVersion,
)
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import departments, municipality_by_code
from klimatkontrakt.web.api_schemas import (
    ID_MAX,
    PAGE_SIZE_MAX,
    Error,
    Id,
    Limit,
    Offset,
    Tag,
    Year,
    paged,
)

router = Router(tags=["contracts"])


class VersionSummary(Schema):
    year: int
    state: str
    is_published: bool
    shared_with_programme: bool
    signed_at: str | None


class ContractOut(Schema):
    municipality: str
    title: str
    versions: list[VersionSummary]


class PartyOut(Schema):
    id: int
    name: str
    role: str
    signatory_name: str
    signatory_title: str


class SectionOut(Schema):
    key: str
    number: str
    title: str
    body: str


class CommitmentOut(Schema):
    id: int
    lineage: str
    version_year: int
    party_id: int
    party: str
    joint: bool
    section: str
    title: str
    description: str
    planned_year: int | None
    status: str
    responsible_department: str | None
    tags: list[str]
    carried_over_from_year: int | None
    edit_version: int


class CommonCommitmentOut(Schema):
    id: int
    lineage: str
    year: int
    owner: str
    owner_slug: str
    party: str
    joint: bool
    section: str
    title: str
    description: str
    planned_year: int | None
    status: str = Field(..., description="status key of the national list (planned, done ...)")
    status_label: str
    status_changed_at: str | None


class VersionOut(VersionSummary):
    municipality: str
    parties: list[PartyOut]
    sections: list[SectionOut]
    commitments: list[CommitmentOut]
    common_part_year: int | None = Field(
        None, description="the year of the common part this version takes, if any"
    )
    common_sections: list[SectionOut] = []
    common_commitments: list[CommonCommitmentOut] = []


class CommitmentIn(Schema):
    title: str = Field(..., max_length=300)
    description: str = ""
    party_id: Id | None = None
    joint: bool = False
    section: str = Field("municipality", description="section key, e.g. 'municipality', 'mobility'")
    planned_year: Year | None = None
    status: str = Field("planned", description="status key of the municipality's list")
    responsible_department_id: Id | None = None
    tags: list[Tag] = Field([], max_length=50)


class CommitmentPatch(Schema):
    edit_version: int = Field(
        ..., ge=0, le=ID_MAX, description="edit_version you read; a stale one gets 409"
    )
    title: str | None = Field(None, max_length=300)
    description: str | None = None
    party_id: Id | None = None
    joint: bool | None = None
    section: str | None = None
    planned_year: Year | None = None
    status: str | None = None
    responsible_department_id: Id | None = None
    tags: list[Tag] | None = Field(None, max_length=50)


class FieldChangeOut(Schema):
    field: str
    label: str
    old: Any
    new: Any


class ChangedOut(Schema):
    lineage: str
    title: str
    fields: list[FieldChangeOut]


class DiffOut(Schema):
    from_year: int
    to_year: int
    added: list[CommitmentOut]
    completed: list[CommitmentOut]
    removed: list[CommitmentOut]
    changed: list[ChangedOut]
    carried_over: list[CommitmentOut]
    unchanged: int
    sections_changed: list[str]
    common: "CommonDiffOut | None" = None


class CommonDiffOut(Schema):
    added: list[CommonCommitmentOut]
    completed: list[CommonCommitmentOut]
    removed: list[CommonCommitmentOut]
    changed: list[ChangedOut]
    unchanged: int
    sections_changed: list[str]


DiffOut.model_rebuild()


def common_commitment_out(c: CommonCommitment | Commitment) -> CommonCommitmentOut:
    """One common commitment as the contract, diff and national APIs give it (in a diff, a
    version without a common part gives its own row of the programme's or an agency's)."""
    if isinstance(c, Commitment):
        return CommonCommitmentOut(
            id=c.pk,
            lineage=str(c.lineage),
            year=c.version.year,
            owner=c.party.organisation.name,
            owner_slug=c.party.organisation.slug,
            party=c.party_label,
            joint=c.joint,
            section=c.section.key,
            title=c.title,
            description=c.description,
            planned_year=c.planned_year,
            status=c.status.key,
            status_label=c.status_label,
            status_changed_at=None,
        )
    return CommonCommitmentOut(
        id=c.pk,
        lineage=str(c.lineage),
        year=c.common_part.year,
        owner=c.owner.name,
        owner_slug=c.owner.slug,
        party=c.party_label,
        joint=c.joint,
        section=c.section.key,
        title=c.title,
        description=c.description,
        planned_year=c.planned_year,
        status=c.status,
        status_label=c.status_label,
        status_changed_at=c.status_changed_at.isoformat() if c.status_changed_at else None,
    )


def _changed(ch: Any) -> ChangedOut:
    return ChangedOut(
        lineage=str(ch.new.lineage),
        title=ch.new.title,
        fields=[
            FieldChangeOut(field=f.field, label=f.label, old=f.old, new=f.new) for f in ch.fields
        ],
    )


def _commitment(c: Commitment) -> CommitmentOut:
    return CommitmentOut(
        id=c.pk,
        lineage=str(c.lineage),
        version_year=c.version.year,
        party_id=c.party_id,
        party=c.party_label,
        joint=c.joint,
        section=c.section.key,
        title=c.title,
        description=c.description,
        planned_year=c.planned_year,
        status=c.status.key,
        responsible_department=c.responsible_department.name if c.responsible_department else None,
        tags=list(c.tags),
        carried_over_from_year=c.carried_over_from.version.year if c.carried_over_from else None,
        edit_version=c.edit_version,
    )


def _summary(v: ContractVersion) -> dict[str, Any]:
    return {
        "year": v.year,
        "state": v.state,
        "is_published": v.is_published,
        "shared_with_programme": v.shared_with_programme,
        "signed_at": v.signed_at.isoformat() if v.signed_at else None,
    }


@router.get("/{code}", response={200: ContractOut, 404: Error})
def get_contract(request: HttpRequest, code: str) -> Any:
    muni = municipality_by_code(code)
    contract = selectors.contract_for(muni)
    if contract is None:
        return Status(404, {"detail": "No contract"})
    versions = selectors.visible_versions(request.user, muni)
    return ContractOut(
        municipality=muni.code,
        title=contract.title,
        versions=[VersionSummary(**_summary(v)) for v in versions],
    )


@router.get("/{code}/versions/{year}", response=VersionOut)
def get_version(request: HttpRequest, code: str, year: Year) -> Any:
    muni = municipality_by_code(code)
    v = selectors.version_for(request.user, muni, year)
    return VersionOut(
        **_summary(v),
        municipality=muni.code,
        parties=[
            PartyOut(
                id=p.pk,
                name=p.organisation.name,
                role=p.role,
                signatory_name=p.signatory_name,
                signatory_title=p.signatory_title,
            )
            for p in v.parties.select_related("organisation")
        ],
        sections=[
            SectionOut(key=s.key, number=s.number, title=s.title, body=s.body)
            for s in v.sections.all()
        ],
        commitments=[_commitment(c) for c in selectors.commitments_of(v)],
        common_part_year=v.common_part.year if v.common_part else None,
        common_sections=[
            SectionOut(key=s.key, number=s.number, title=s.title, body=s.body)
            for s in common_selectors.common_sections(v.common_part_id)
        ]
        if v.common_part_id
        else [],
        common_commitments=[
            common_commitment_out(c)
            for c in selectors.common_commitments_of(v).select_related("common_part")
        ],
    )


@router.get("/{code}/versions/{year}/commitments", response=list[CommitmentOut])
def list_commitments(
    request: HttpRequest,
    response: HttpResponse,
    code: str,
    year: Year,
    limit: Limit = PAGE_SIZE_MAX,
    offset: Offset = 0,
) -> Any:
    """In the contract's order (section, order, id); the total in `X-Total-Count`."""
    muni = municipality_by_code(code)
    v = selectors.version_for(request.user, muni, year)
    return [_commitment(c) for c in paged(response, selectors.commitments_of(v), limit, offset)]


@router.get("/{code}/commitments/{pk}", response=CommitmentOut)
def get_commitment(request: HttpRequest, code: str, pk: Id) -> Any:
    muni = municipality_by_code(code)
    return _commitment(selectors.commitment_for(request.user, muni, pk))


@router.get("/{code}/diff", response=DiffOut)
def get_diff(request: HttpRequest, code: str, from_year: Year, to_year: Year) -> Any:
    muni = municipality_by_code(code)
    d = selectors.diff_versions(
        selectors.version_for(request.user, muni, from_year),
        selectors.version_for(request.user, muni, to_year),
    )
    return DiffOut(
        from_year=from_year,
        to_year=to_year,
        added=[_commitment(c) for c in d.added],
        completed=[_commitment(c) for c in d.completed],
        removed=[_commitment(c) for c in d.removed],
        changed=[_changed(ch) for ch in d.changed],
        carried_over=[_commitment(c) for c in d.carried_over],
        unchanged=d.unchanged,
        sections_changed=[new.key for _, new in d.sections_changed],
        common=CommonDiffOut(
            added=[common_commitment_out(c) for c in d.common.added],
            completed=[common_commitment_out(c) for c in d.common.completed],
            removed=[common_commitment_out(c) for c in d.common.removed],
            changed=[_changed(ch) for ch in d.common.changed],
            unchanged=d.common.unchanged,
            sections_changed=[new.key for _, new in d.common.sections_changed]
            + [s.key for s in d.common.sections_added],
        )
        if d.common is not None
        else None,
    )


def _resolve(
    version: ContractVersion, current: Commitment | None, payload: Any
) -> services.CommitmentInput:
    """Turn ids and keys into objects of this version; unknown ones are field errors (422)."""
    muni = version.contract.municipality
    errors: dict[str, str] = {}

    def pick(name: str, default: Any) -> Any:
        value = getattr(payload, name, None)
        return default if value is None else value

    party_id = pick("party_id", current.party_id if current else None)
    party = (
        version.parties.filter(pk=party_id).first()
        if party_id
        else version.parties.filter(role="municipality").first()
    )
    if party is None:
        errors["party_id"] = "No such party in this version"
    section_key = pick("section", current.section.key if current else "municipality")
    section = version.sections.filter(key=section_key).first()
    if section is None:
        errors["section"] = f"No section with key {section_key!r}"
    status_key = pick("status", current.status.key if current else "planned")
    status = CommitmentStatus.objects.filter(municipality=muni, key=status_key).first()
    if status is None:
        errors["status"] = f"No status with key {status_key!r}"
    dept_id = pick(
        "responsible_department_id", current.responsible_department_id if current else None
    )
    dept = departments(muni).filter(pk=dept_id).first() if dept_id else None
    if dept_id and dept is None:
        errors["responsible_department_id"] = "No such department in this municipality"
    if errors:
        raise ValidationError(errors)
    assert party is not None and section is not None and status is not None
    return services.CommitmentInput(
        party=party,
        section=section,
        status=status,
        title=pick("title", current.title if current else ""),
        description=pick("description", current.description if current else ""),
        planned_year=payload.planned_year
        if "planned_year" in payload.model_fields_set
        else (current.planned_year if current else None),
        responsible_department=dept,
        tags=pick("tags", list(current.tags) if current else []),
        joint=pick("joint", current.joint if current else False),
    )


@router.post(
    "/{code}/versions/{year}/commitments",
    auth=django_auth,
    response={201: CommitmentOut, 403: Error, 409: Error, 422: Error},
)
def create_commitment(request: HttpRequest, code: str, year: Year, payload: CommitmentIn) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    v = selectors.version_for(request.user, muni, year)
    c = services.create_commitment(request.user, v, _resolve(v, None, payload))
    return Status(201, _commitment(selectors.commitments_of(v).get(pk=c.pk)))


@router.patch(
    "/{code}/commitments/{pk}",
    auth=django_auth,
    response={200: CommitmentOut, 403: Error, 409: Error, 422: Error},
)
def update_commitment(request: HttpRequest, code: str, pk: Id, payload: CommitmentPatch) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    c = selectors.commitment_for(request.user, muni, pk)
    updated = services.update_commitment(
        request.user, c, _resolve(c.version, c, payload), expected_edit_version=payload.edit_version
    )
    return _commitment(selectors.commitments_of(c.version).get(pk=updated.pk))


@router.post(
    "/{code}/versions/{year}/sign",
    auth=django_auth,
    response={200: VersionSummary, 403: Error, 409: Error, 422: Error},
)
def sign_version(request: HttpRequest, code: str, year: Year) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    v = services.sign_version(request.user, selectors.version_for(request.user, muni, year))
    return VersionSummary(**_summary(v))


@router.post(
    "/{code}/versions/{year}/next",
    auth=django_auth,
    response={201: VersionSummary, 403: Error, 409: Error, 422: Error},
)
def start_next(request: HttpRequest, code: str, year: Year) -> Any:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    v = services.start_next_version(request.user, selectors.version_for(request.user, muni, year))
    return Status(201, VersionSummary(**_summary(v)))
