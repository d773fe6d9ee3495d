"""Proposals in the JSON API (mounted at /api/proposals/): published proposals and their
totals open to all; the public submission, which can only submit; selection and answers for
editors (an answer also for the assigned department)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from klimatkontrakt.engagement.models import Answer, Channel, Proposal
from klimatkontrakt.engagement.selectors import proposals as selectors
from klimatkontrakt.engagement.services import proposal_intake as intake
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.proposals import MAX_GRADE
from klimatkontrakt.web.api_schemas import Error, Id, Limit, Offset, paged
from klimatkontrakt.web.security import client_address

proposals_router = Router(tags=["proposals"])

Text = Annotated[str, Field(max_length=4000)]
Short = Annotated[str, Field(max_length=200)]
Grade = Annotated[int, Field(ge=0, le=MAX_GRADE)]
Cost = Annotated[Decimal, Field(ge=0, le=10**12, max_digits=14, decimal_places=0)]


class TotalsOut(Schema):
    total: int
    by_channel: dict[str, int]
    by_state: dict[str, int]
    by_department: dict[str, int]
    by_decision: dict[str, int]
    selected: int
    answered: int
    overdue: int
    median_days_to_answer: float | None
    answered_share: float | None


class CarriedByOut(Schema):
    kind: str
    title: str
    status: str
    progress: int | None


class AnswerOut(Schema):
    decision: str
    reason: str
    text: str
    cost_sek: Decimal | None
    period_start: date | None
    period_end: date | None
    answered_at: datetime
    carried_by: list[CarriedByOut]


class ProposalOut(Schema):
    id: int
    channel: str
    text: str
    themes: list[str]
    school: str
    grade: int | None
    received: date
    state: str
    published: bool
    merged_into: int | None
    department: str | None
    deadline: date | None
    selected_at: datetime | None
    answer: AnswerOut | None


class SubmitIn(Schema):
    """A proposal from the public; `website` is a field people leave empty."""

    channel: Annotated[str, Field(pattern="^(pupils_council|citizen)$")]
    text: Text
    themes: list[Annotated[str, Field(max_length=60)]] = Field([], max_length=20)
    school: Annotated[str, Field(max_length=120)] = ""
    grade: Grade | None = None
    contact_name: Short = ""
    contact_email: Annotated[str, Field(max_length=254)] = ""
    contact_phone: Annotated[str, Field(max_length=40)] = ""
    website: Short = ""


class SubmitOut(Schema):
    received: bool


class SelectIn(Schema):
    proposal_ids: list[Id] = Field(..., min_length=1, max_length=2000)
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class SelectOut(Schema):
    selection_id: int
    selected: int


class AnswerIn(Schema):
    decision: Annotated[str, Field(pattern="^(accepted|rejected|already_done|in_progress)$")]
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    reason: Text = ""
    cost_sek: Cost | None = None
    period_start: date | None = None
    period_end: date | None = None
    action_id: Id | None = None
    measure_id: Id | None = None
    commitment_id: Id | None = None


def _out(user: Any, p: Proposal, language: str) -> dict[str, Any]:
    answer: Answer | None = getattr(p, "answer", None)
    return {
        "id": p.pk,
        "channel": p.channel,
        "text": p.text,
        "themes": [t.name for t in p.themes.all()],
        "school": p.school,
        "grade": p.grade,
        "received": p.received,
        "state": p.state.key,
        "published": p.is_published,
        "merged_into": p.merged_into_id,
        "department": p.department.name if p.department else None,
        "deadline": p.deadline,
        "selected_at": p.selection.selected_at if p.selection else None,
        "answer": None
        if answer is None
        else {
            "decision": answer.decision,
            "reason": answer.reason,
            "text": answer.text,
            "cost_sek": answer.cost_sek,
            "period_start": answer.period_start,
            "period_end": answer.period_end,
            "answered_at": answer.answered_at,
            "carried_by": [
                {"kind": c.kind, "title": c.title, "status": c.status, "progress": c.progress}
                for c in selectors.carried_by(user, answer, language)
            ],
        },
    }


@proposals_router.get(
    "/{code}/totals", response={200: TotalsOut, 404: Error}, summary="Totals of proposals"
)
def get_totals(request: HttpRequest, code: str) -> dict[str, Any]:
    """Published proposals by channel, state, department and decision; overdue answers, the
    median days from selection to answer and the answered share of the selected ones."""
    return selectors.totals(municipality_by_code(code)).as_json()


@proposals_router.get(
    "/{code}/", response={200: list[ProposalOut], 404: Error}, summary="Proposals you may see"
)
def list_proposals(
    request: HttpRequest,
    response: HttpResponse,
    code: str,
    channel: Annotated[str, Field(max_length=20)] = "",
    state: Annotated[str, Field(max_length=40)] = "",
    theme: Annotated[str, Field(max_length=60)] = "",
    school: Annotated[str, Field(max_length=120)] = "",
    grade: Grade | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    muni = municipality_by_code(code)
    f = selectors.Filters(
        channel=channel if channel in Channel.values else "",
        state=state,
        theme=theme,
        school=school,
        grade=grade,
    )
    qs = selectors.filtered(selectors.visible_proposals(request.user, muni), f).order_by("pk")
    language = get_language() or "sv"
    return [_out(request.user, p, language) for p in paged(response, qs, limit, offset)]


@proposals_router.post(
    "/{code}/submit",
    response={201: SubmitOut, 404: Error, 422: Error},
    summary="Send a proposal (public; it waits for moderation)",
)
def submit(request: HttpRequest, code: str, payload: SubmitIn) -> Status:
    muni = municipality_by_code(code)
    intake.submit_public(
        muni,
        intake.ProposalInput(
            channel=payload.channel,
            text=payload.text,
            themes=payload.themes,
            school=payload.school,
            grade=payload.grade,
            contact_name=payload.contact_name,
            contact_email=payload.contact_email,
            contact_phone=payload.contact_phone,
        ),
        address=client_address(request),
        honeypot=payload.website,
    )
    return Status(201, {"received": True})


@proposals_router.post(
    "/{code}/select",
    auth=django_auth,
    response={200: SelectOut, 403: Error, 404: Error, 422: Error},
    summary="Select proposals to hand on, with the reason",
)
def select(request: HttpRequest, code: str, payload: SelectIn) -> dict[str, int]:
    muni = municipality_by_code(code)
    selection = services.select_proposals(request.user, muni, payload.proposal_ids, payload.reason)
    return {"selection_id": selection.pk, "selected": selection.proposals.count()}


@proposals_router.post(
    "/{code}/{pk}/answer",
    auth=django_auth,
    response={200: ProposalOut, 403: Error, 404: Error, 422: Error},
    summary="Answer a selected proposal (editor or the assigned department)",
)
def answer(request: HttpRequest, code: str, pk: Id, payload: AnswerIn) -> dict[str, Any]:
    muni = municipality_by_code(code)
    proposal = selectors.proposal_for(request.user, muni, pk)
    services.answer_proposal(
        request.user,
        proposal,
        services.AnswerInput(
            decision=payload.decision,
            text=payload.text,
            reason=payload.reason,
            cost_sek=payload.cost_sek,
            period_start=payload.period_start,
            period_end=payload.period_end,
            action_id=payload.action_id,
            measure_id=payload.measure_id,
            commitment_id=payload.commitment_id,
        ),
    )
    fresh = selectors.proposal_for(request.user, muni, pk)
    return _out(request.user, fresh, get_language() or "sv")


# Last: "/{code}/{pk}" would otherwise take the paths of the operations above.
@proposals_router.get(
    "/{code}/{pk}", response={200: ProposalOut, 404: Error}, summary="One proposal"
)
def get_proposal(request: HttpRequest, code: str, pk: Id) -> dict[str, Any]:
    muni = municipality_by_code(code)
    proposal = selectors.proposal_for(request.user, muni, pk)
    return _out(request.user, proposal, get_language() or "sv")
