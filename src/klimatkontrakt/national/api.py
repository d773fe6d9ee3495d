"""The national level in the JSON API: the common part of the contract per year and each
programme's or agency's commitments. Reads are public for fixed common parts (drafts for
programme and agency staff); writes need the editor role of the programme office (the text) or
of the commitment's owner (its status)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.contracts import common_selectors as selectors
from klimatkontrakt.contracts import common_services as services
from klimatkontrakt.contracts.api import CommonCommitmentOut, SectionOut, common_commitment_out
from klimatkontrakt.contracts.models import CommonCommitment, CommonPart
from klimatkontrakt.contracts.structure import COMMON_KEYS
from klimatkontrakt.national import report_selectors, report_services
from klimatkontrakt.national.followup import followup_json
from klimatkontrakt.organisations.access import (
    require_common_part_edit,
    require_national_report_edit,
)
from klimatkontrakt.web.api_schemas import Error, Id, Year

router = Router(tags=["national"])

StatusKey = Field(..., description="planned, in_progress, done, postponed or cancelled")


class CommonPartSummary(Schema):
    year: int
    state: str
    fixed_at: str | None


class CommonPartOut(CommonPartSummary):
    sections: list[SectionOut]
    commitments: list[CommonCommitmentOut]
    cities: list[str] = Field(..., description="SCB codes of published versions that carry it")


class StartIn(Schema):
    year: Year


class SectionIn(Schema):
    body: str = Field(..., max_length=100_000)


class CommonCommitmentIn(Schema):
    title: str = Field(..., max_length=300)
    description: str = Field("", max_length=20_000)
    section: str = Field(..., description="viable_cities, agencies or strategic_projects ...")
    owner: str = Field(..., description="slug of Viable Cities or an agency, e.g. 'formas'")
    joint: bool = False
    planned_year: Year | None = None
    status: str = StatusKey


class StatusIn(Schema):
    status: str = StatusKey


def _summary(p: CommonPart) -> dict[str, Any]:
    return {
        "year": p.year,
        "state": p.state,
        "fixed_at": p.fixed_at.isoformat() if p.fixed_at else None,
    }


def _part(p: CommonPart) -> CommonPartOut:
    return CommonPartOut(
        **_summary(p),
        sections=[
            SectionOut(key=s.key, number=s.number, title=s.title, body=s.body)
            for s in selectors.common_sections(p.pk)
        ],
        commitments=[
            common_commitment_out(c)
            for c in p.commitments.select_related("owner", "section", "common_part").order_by(
                "section__order", "order", "pk"
            )
        ],
        cities=list(
            p.versions.filter(is_published=True)
            .order_by("contract__municipality__code")
            .values_list("contract__municipality__code", flat=True)
        ),
    )


def _input(part: CommonPart, payload: CommonCommitmentIn) -> services.CommonCommitmentInput:
    errors: dict[str, str] = {}
    section = part.sections.filter(key=payload.section).first()
    if section is None or payload.section not in COMMON_KEYS:
        errors["section"] = f"No common section with key {payload.section!r}"
    owner = selectors.national_organisations().filter(slug=payload.owner).first()
    if owner is None:
        errors["owner"] = f"No programme or agency with slug {payload.owner!r}"
    if errors:
        raise ValidationError(errors)
    assert section is not None and owner is not None
    return services.CommonCommitmentInput(
        section=section,
        owner=owner,
        title=payload.title,
        status=payload.status,
        description=payload.description,
        planned_year=payload.planned_year,
        joint=payload.joint,
    )


@router.get("/common-parts", response=list[CommonPartSummary])
def list_parts(request: HttpRequest) -> Any:
    return [_summary(p) for p in selectors.visible_common_parts(request.user)]


@router.get("/common-parts/{year}", response=CommonPartOut)
def get_part(request: HttpRequest, year: Year) -> Any:
    return _part(selectors.common_part_for(request.user, year))


class CityFollowUpOut(Schema):
    municipality: str
    name: str
    contract_status: str = Field(..., description="none, draft (published, not signed), signed")
    commitments: dict[str, int] = Field(..., description="own commitments by status key")
    actions_overdue: int | None
    indicators: dict[str, int] | None
    emissions_latest_t: float | None
    emissions_latest_year: int | None
    budget_runs_out: str | None
    local_contracts: dict[str, int | float]
    proposals: dict[str, int]
    completeness: dict[str, bool]
    completeness_pct: int
    last_updated: str | None
    shared: list[str] = Field(
        description="the figures that count an item the city shared with the programme office "
        "and the agencies but has not published (contract_status, commitments, actions_overdue, "
        "indicators, budget_runs_out, completeness_pct); empty for readers outside them"
    )


class FollowUpOut(Schema):
    year: int
    cities: list[CityFollowUpOut]


@router.get("/followup/{year}", response=FollowUpOut)
def followup(request: HttpRequest, year: Year) -> Any:
    """Every contract city's follow-up figures of the year as this reader may see them
    (published data for everyone outside the city), as on /nationellt/uppfoljning/<year>/."""
    return followup_json(year, request.user)


@router.get("/organisations/{slug}/commitments", response=list[CommonCommitmentOut])
def organisation_commitments(request: HttpRequest, slug: str) -> Any:
    org = selectors.national_organisation(slug)
    return [common_commitment_out(c) for c in selectors.commitments_owned_by(request.user, org)]


@router.post(
    "/common-parts",
    auth=django_auth,
    response={201: CommonPartOut, 403: Error, 422: Error},
)
def start_part(request: HttpRequest, payload: StartIn) -> Any:
    part = services.start_common_part(request.user, payload.year)
    return Status(201, _part(part))


@router.put(
    "/common-parts/{year}/sections/{key}",
    auth=django_auth,
    response={200: SectionOut, 403: Error, 409: Error},
)
def update_section(request: HttpRequest, year: Year, key: str, payload: SectionIn) -> Any:
    require_common_part_edit(request.user)
    part = selectors.common_part_for(request.user, year)
    section = part.sections.filter(key=key).first()
    if section is None:
        raise Http404(f"No common section with key {key!r}")
    s = services.update_common_section(request.user, section, payload.body)
    return SectionOut(key=s.key, number=s.number, title=s.title, body=s.body)


@router.post(
    "/common-parts/{year}/commitments",
    auth=django_auth,
    response={201: CommonCommitmentOut, 403: Error, 409: Error, 422: Error},
)
def create_commitment(request: HttpRequest, year: Year, payload: CommonCommitmentIn) -> Any:
    require_common_part_edit(request.user)
    part = selectors.common_part_for(request.user, year)
    c = services.create_common_commitment(request.user, part, _input(part, payload))
    return Status(201, common_commitment_out(_fresh(c)))


@router.put(
    "/commitments/{pk}",
    auth=django_auth,
    response={200: CommonCommitmentOut, 403: Error, 409: Error, 422: Error},
)
def update_commitment(request: HttpRequest, pk: Id, payload: CommonCommitmentIn) -> Any:
    require_common_part_edit(request.user)
    c = selectors.common_commitment_for(request.user, pk)
    c = services.update_common_commitment(request.user, c, _input(c.common_part, payload))
    return common_commitment_out(_fresh(c))


@router.post(
    "/commitments/{pk}/status",
    auth=django_auth,
    response={200: CommonCommitmentOut, 403: Error, 422: Error},
)
def set_status(request: HttpRequest, pk: Id, payload: StatusIn) -> Any:
    c = selectors.common_commitment_for(request.user, pk)
    c = services.set_common_status(request.user, c, payload.status)
    return common_commitment_out(_fresh(c))


@router.post(
    "/common-parts/{year}/fix",
    auth=django_auth,
    response={200: CommonPartSummary, 403: Error, 409: Error},
)
def fix_part(request: HttpRequest, year: Year) -> Any:
    require_common_part_edit(request.user)
    part = services.fix_common_part(request.user, selectors.common_part_for(request.user, year))
    return _summary(part)


def _fresh(c: CommonCommitment) -> CommonCommitment:
    return CommonCommitment.objects.select_related("owner", "section", "common_part").get(pk=c.pk)


# ---- the national follow-up report (national/report_*.py) -------------------------------------


class NationalReportSummary(Schema):
    year: int
    state: str = Field(..., description="draft or approved (a frozen snapshot)")
    is_published: bool
    gathered_at: str
    approved_at: str | None
    published_at: str | None


class NationalReportOut(NationalReportSummary):
    data: dict[str, Any] = Field(..., description="everything the report shows, as gathered")


class NationalReportIn(Schema):
    year: Year


class NationalPublishIn(Schema):
    published: bool = True


def _report_summary(r: Any) -> dict[str, Any]:
    return {
        "year": r.year,
        "state": r.state,
        "is_published": r.is_published,
        "gathered_at": r.gathered_at.isoformat(),
        "approved_at": r.approved_at.isoformat() if r.approved_at else None,
        "published_at": r.published_at.isoformat() if r.published_at else None,
    }


@router.get("/reports", response=list[NationalReportSummary])
def list_reports(request: HttpRequest) -> Any:
    """Published national reports; drafts too for programme and agency staff."""
    return [
        _report_summary(r)
        for r in report_selectors.visible_reports(request.user).defer("html_sv", "html_en")
    ]


@router.get("/reports/{year}", response=NationalReportOut)
def get_report(request: HttpRequest, year: Year) -> Any:
    r = report_selectors.report_for(request.user, year, frozen_documents=False)
    return {**_report_summary(r), "data": r.data}


class NationalReportJobOut(Schema):
    id: int
    status: str = Field(..., description="queued, running, done or failed")
    stage: str
    summary: str = Field(..., description="the outcome, when done")
    problems: list[str] = Field(..., description="why it stopped, when failed")
    job_url: str = Field(..., description="the job's page, which follows the progress")
    status_url: str = Field(..., description="this job in the API")
    result_url: str = Field(..., description="the gathered draft's page, when done")


def _job(job: Any) -> dict[str, Any]:
    return {
        "id": job.pk,
        "status": job.status,
        "stage": job.stage,
        "summary": job.summary,
        "problems": job.problems,
        "job_url": job.get_absolute_url(),
        "status_url": reverse("api:report_job", args=[job.pk]),
        "result_url": job.result_url,
    }


@router.post(
    "/reports", auth=django_auth, response={202: NationalReportJobOut, 403: Error, 409: Error}
)
def create_report(request: HttpRequest, payload: NationalReportIn) -> Any:
    """Gather the year's national report as a draft (or regather the draft) in the task worker:
    answers at once with the job; follow it at `status_url`."""
    try:
        job = report_services.start_gathering(request.user, payload.year)
    except report_services.FrozenReportError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(202, _job(job))


@router.get(
    "/reports/jobs/{job_id}",
    auth=django_auth,
    url_name="report_job",
    response={200: NationalReportJobOut, 403: Error, 404: Error},
)
def report_job(request: HttpRequest, job_id: Id) -> Any:
    """A gathering's progress and outcome, for the programme office's editors."""
    return _job(report_selectors.gathering_job(request.user, job_id))


@router.post(
    "/reports/{year}/approve",
    auth=django_auth,
    response={200: NationalReportSummary, 403: Error, 409: Error},
)
def approve_report(request: HttpRequest, year: Year) -> Any:
    require_national_report_edit(request.user)
    try:
        r = report_services.approve(request.user, report_selectors.report_for(request.user, year))
    except report_services.FrozenReportError as exc:
        return Status(409, {"detail": str(exc)})
    return _report_summary(r)


@router.post(
    "/reports/{year}/publish",
    auth=django_auth,
    response={200: NationalReportSummary, 403: Error, 409: Error},
)
def publish_report(request: HttpRequest, year: Year, payload: NationalPublishIn) -> Any:
    """Publish an approved report (`{"published": false}` takes it back)."""
    require_national_report_edit(request.user)
    try:
        r = report_services.publish(
            request.user,
            report_selectors.report_for(request.user, year),
            published=payload.published,
        )
    except report_services.FrozenReportError as exc:
        return Status(409, {"detail": str(exc)})
    return _report_summary(r)
