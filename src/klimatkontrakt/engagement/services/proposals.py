"""Writes for proposals after intake (services.proposal_intake): moderation, selection, merging,
assignment, answers and states. Every write by staff needs the editor role in the proposal's
municipality (organisations.access); an answer may also come from the assigned department."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.audit import context as audit
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.contracts.selectors import commitments_of_municipality
from klimatkontrakt.engagement.models import (
    Answer,
    Proposal,
    ProposalSelection,
    ProposalState,
)
from klimatkontrakt.investments.selectors import measures_of_municipality
from klimatkontrakt.organisations.access import recorded_account, require_answer_for, require_edit
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.plans.selectors import actions_of_municipality
from klimatkontrakt.sources.proposals import MAX_TEXT

# key, Swedish, English, closed
DEFAULT_PROPOSAL_STATES = [
    ("received", "Inkommet", "Received", False),
    ("selected", "Utvalt", "Selected", False),
    ("assigned", "Tilldelat", "Assigned", False),
    ("answered", "Besvarat", "Answered", False),
    ("done", "Genomfört", "Done", True),
    ("not_selected", "Inte utvalt", "Not selected", True),
    ("merged", "Sammanslaget", "Merged", True),
]
# A citizen's contact details are kept this long after the answer (docs/decisions.md).
CONTACT_RETENTION_DAYS = 90
COST_MAX = Decimal("1e12")


@dataclass(frozen=True)
class AnswerInput:
    decision: str
    text: str
    reason: str = ""
    cost_sek: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None
    action_id: int | None = None
    measure_id: int | None = None
    commitment_id: int | None = None


@transaction.atomic
def ensure_proposal_states(municipality: Municipality) -> dict[str, ProposalState]:
    """The municipality's proposal states by key; the default list is created on first use."""
    existing = {s.key: s for s in ProposalState.objects.filter(municipality=municipality)}
    missing = [d for d in DEFAULT_PROPOSAL_STATES if d[0] not in existing]
    if missing:
        ProposalState.objects.bulk_create(
            ProposalState(
                municipality=municipality,
                key=key,
                name_sv=sv,
                name_en=en,
                is_closed=closed,
                order=[d[0] for d in DEFAULT_PROPOSAL_STATES].index(key),
            )
            for key, sv, en, closed in missing
        )
        existing = {s.key: s for s in ProposalState.objects.filter(municipality=municipality)}
    return existing


def _state(municipality: Municipality, key: str) -> ProposalState:
    return ensure_proposal_states(municipality)[key]


@transaction.atomic
def moderate(
    user: Any,
    proposal: Proposal,
    *,
    publish: bool,
    reason: str = "",
    note: str = "",
    text: str | None = None,
) -> Proposal:
    """Publish a proposal, or keep it hidden with the reason recorded. An edited `text` (personal
    data taken out) is what is shown; the text as sent stays in `original_text`, never public."""
    require_edit(user, proposal.municipality)
    if not publish and reason not in Proposal.HiddenReason.values:
        raise ValidationError({"hidden_reason": _("Say why the proposal is not published.")})
    if text is not None and text.strip() != proposal.text:
        if not text.strip():
            raise ValidationError({"text": _("Write the proposal.")})
        if len(text.strip()) > MAX_TEXT:
            raise ValidationError({"text": _("At most %(n)s characters.") % {"n": MAX_TEXT}})
        if not proposal.original_text:
            proposal.original_text = proposal.text
        proposal.text = text.strip()
    proposal.moderation = Proposal.Moderation.APPROVED if publish else Proposal.Moderation.HIDDEN
    proposal.hidden_reason = "" if publish else reason
    proposal.moderation_note = note.strip()
    proposal.moderated_by = recorded_account(user)
    proposal.moderated_at = timezone.now()
    proposal.save()
    return proposal


@transaction.atomic
def publish_many(user: Any, municipality: Municipality, ids: Iterable[int]) -> int:
    """Publish the waiting proposals among `ids` (a moderator who read them all, or a class's
    file checked as a whole): one statement, and one change-log entry per proposal."""
    require_edit(user, municipality)
    waiting = list(
        Proposal.objects.filter(
            municipality=municipality, pk__in=list(ids), moderation=Proposal.Moderation.PENDING
        )
    )
    with audit.quiet():
        Proposal.objects.filter(pk__in=[p.pk for p in waiting]).update(
            moderation=Proposal.Moderation.APPROVED,
            moderated_by=recorded_account(user),
            moderated_at=timezone.now(),
        )
    for p in waiting:
        log_change(
            user,
            municipality,
            ChangeLogEntry.Action.UPDATED,
            p,
            before={"moderation": Proposal.Moderation.PENDING},
            after={"moderation": Proposal.Moderation.APPROVED},
        )
    return len(waiting)


def _of(municipality: Municipality, ids: Iterable[int]) -> list[Proposal]:
    wanted = sorted(set(ids))
    found = list(Proposal.objects.filter(municipality=municipality, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"proposals": _("A chosen proposal does not exist here.")})
    return found


@transaction.atomic
def select_proposals(
    user: Any, municipality: Municipality, ids: Iterable[int], reason: str
) -> ProposalSelection:
    """Hand the chosen published proposals on (967 → 60), recording who and why."""
    require_edit(user, municipality)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why these proposals were selected.")})
    proposals = _of(municipality, ids)
    if not proposals:
        raise ValidationError({"proposals": _("Choose at least one proposal.")})
    if any(not p.is_published or p.merged_into_id for p in proposals):
        raise ValidationError(
            {"proposals": _("Only published proposals that are not merged can be selected.")}
        )
    selection = ProposalSelection.objects.create(
        municipality=municipality, selected_by=recorded_account(user), reason=reason.strip()
    )
    selected = _state(municipality, "selected")
    for p in proposals:
        if p.selection_id is None:
            p.selection = selection
            p.state = selected
            p.save(update_fields=["selection", "state"])
    return selection


@transaction.atomic
def merge_proposals(user: Any, keep: Proposal, others: Iterable[Proposal]) -> Proposal:
    """Merge duplicates into `keep`: each keeps a link to it (and so do those merged into them);
    their themes join its themes."""
    require_edit(user, keep.municipality)
    others = [o for o in others if o.pk != keep.pk]
    if not others:
        raise ValidationError({"proposals": _("Choose the proposals to merge into this one.")})
    if keep.merged_into_id:
        raise ValidationError(_("This proposal is itself merged into another."))
    if any(o.municipality_id != keep.municipality_id for o in others):
        raise ValidationError({"proposals": _("A chosen proposal does not exist here.")})
    merged = _state(keep.municipality, "merged")
    for other in others:
        Proposal.objects.filter(merged_into=other).update(merged_into=keep)
        other.merged_into = keep
        other.state = merged
        other.save(update_fields=["merged_into", "state"])
        keep.themes.add(*other.themes.all())
    return keep


@transaction.atomic
def assign_proposals(
    user: Any,
    municipality: Municipality,
    ids: Iterable[int],
    department: Department,
    deadline: date,
) -> int:
    """Give selected proposals to a department with the date the answer is due."""
    require_edit(user, municipality)
    if department.municipality_id != municipality.pk:
        raise ValidationError({"department": _("Choose a department of this municipality.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline lies in the past.")})
    proposals = _of(municipality, ids)
    if not proposals or any(p.selection_id is None or p.merged_into_id for p in proposals):
        raise ValidationError({"proposals": _("Only selected proposals can be assigned.")})
    assigned = _state(municipality, "assigned")
    now = timezone.now()
    for p in proposals:
        p.department = department
        p.deadline = deadline
        p.assigned_at = now
        p.reminded_before = p.reminded_overdue = None
        if not hasattr(p, "answer"):
            p.state = assigned
        p.save()
    return len(proposals)


def _linked(model_qs: Any, pk: int | None, name: str) -> Any:
    if pk is None:
        return None
    found = model_qs.filter(pk=pk).first()
    if found is None:
        raise ValidationError({name: _("No such record in this municipality.")})
    return found


@transaction.atomic
def answer_proposal(user: Any, proposal: Proposal, data: AnswerInput) -> Answer:
    """The department's answer; a rejection needs its reason. The answer may name the action,
    measure or commitment that carries the proposal out."""
    muni = proposal.municipality
    require_answer_for(user, muni, proposal.department_id)
    errors: dict[str, str] = {}
    if proposal.selection_id is None or proposal.merged_into_id:
        raise ValidationError(_("Only selected proposals are answered."))
    if data.decision not in Answer.Decision.values:
        errors["decision"] = _("Choose a decision.")
    if data.decision == Answer.Decision.REJECTED and not data.reason.strip():
        errors["reason"] = _("A rejection needs its reason.")
    if not data.text.strip():
        errors["text"] = _("Write the answer.")
    if data.cost_sek is not None and (
        not math.isfinite(float(data.cost_sek)) or not 0 <= data.cost_sek <= COST_MAX
    ):
        errors["cost_sek"] = _("A cost from 0 to 10^12 kronor.")
    if data.period_start and data.period_end and data.period_end < data.period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if errors:
        raise ValidationError(errors)
    links = {
        "action": _linked(actions_of_municipality(muni), data.action_id, "action"),
        "measure": _linked(measures_of_municipality(muni), data.measure_id, "measure"),
        "commitment": _linked(commitments_of_municipality(muni), data.commitment_id, "commitment"),
    }
    answer, _created = Answer.objects.update_or_create(
        proposal=proposal,
        defaults={
            "decision": data.decision,
            "reason": data.reason.strip(),
            "text": data.text.strip(),
            "cost_sek": data.cost_sek,
            "period_start": data.period_start,
            "period_end": data.period_end,
            "answered_by": recorded_account(user),
            "answered_at": timezone.now(),
            **links,
        },
    )
    proposal.state = _state(muni, "answered")
    proposal.save(update_fields=["state"])
    return answer


@transaction.atomic
def set_state(user: Any, proposal: Proposal, state: ProposalState) -> Proposal:
    """An editor moves a proposal to another of the municipality's states (e.g. done)."""
    require_edit(user, proposal.municipality)
    if state.municipality_id != proposal.municipality_id:
        raise ValidationError({"state": _("Choose a state of this municipality.")})
    proposal.state = state
    proposal.save(update_fields=["state"])
    return proposal
