"""Reads of proposals: who sees which, the public list's filters, the totals that the page, the
API, the command and the follow-up report all show (`totals`), queues and the overdue list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from klimatkontrakt.calc.proposals import answered_share, median_days
from klimatkontrakt.contracts.selectors import visible_versions
from klimatkontrakt.engagement.models import Answer, Channel, Proposal, ProposalState
from klimatkontrakt.investments.selectors import visible_plans as visible_investment_plans
from klimatkontrakt.organisations.access import can_edit, can_view_unpublished, department_ids
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.selectors import visible_plans as visible_action_plans


def visible_proposals(user: Any, municipality: Municipality) -> QuerySet[Proposal]:
    """Every proposal for the municipality's members; published ones for everyone else."""
    qs = Proposal.objects.filter(municipality=municipality)
    if not can_view_unpublished(user, municipality):
        qs = qs.filter(moderation=Proposal.Moderation.APPROVED)
    return qs.select_related(
        "state", "department", "selection", "answer", "merged_into"
    ).prefetch_related("themes")


def proposal_for(user: Any, municipality: Municipality, pk: int) -> Proposal:
    found = visible_proposals(user, municipality).filter(pk=pk).first()
    if found is None:
        raise Http404("No such proposal")
    return found


def shows_contact(user: Any, municipality: Municipality) -> bool:
    """A citizen's contact details are never public; only the municipality's editors see them."""
    return can_edit(user, municipality)


@dataclass(frozen=True)
class Filters:
    channel: str = ""
    state: str = ""
    theme: str = ""
    school: str = ""
    grade: int | None = None
    department: int | None = None


def filtered(qs: QuerySet[Proposal], f: Filters) -> QuerySet[Proposal]:
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.state:
        qs = qs.filter(state__key=f.state)
    if f.theme:
        qs = qs.filter(themes__name=f.theme)
    if f.school:
        qs = qs.filter(school=f.school)
    if f.grade is not None:
        qs = qs.filter(grade=f.grade)
    if f.department is not None:
        qs = qs.filter(department_id=f.department)
    return qs.distinct()


def filter_choices(municipality: Municipality) -> dict[str, list[Any]]:
    """The values the public filters offer: of published proposals only."""
    published = Proposal.objects.filter(
        municipality=municipality, moderation=Proposal.Moderation.APPROVED
    )
    return {
        "schools": sorted(set(published.exclude(school="").values_list("school", flat=True))),
        "grades": sorted(set(published.exclude(grade=None).values_list("grade", flat=True))),
        "themes": sorted(set(published.values_list("themes__name", flat=True)) - {None}),
        "states": list(ProposalState.objects.filter(municipality=municipality)),
    }


def _open_overdue(today: date) -> Q:
    return Q(
        deadline__lt=today,
        department__isnull=False,
        answer__isnull=True,
        state__is_closed=False,
    )


@dataclass(frozen=True)
class Totals:
    """The published figures of a municipality's proposals (merged duplicates not counted)."""

    total: int
    by_channel: dict[str, int]
    by_state: dict[str, int]
    by_department: dict[str, int]
    selected: int
    answered: int
    overdue: int
    median_days_to_answer: float | None
    answered_share: float | None
    by_decision: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_channel": self.by_channel,
            "by_state": self.by_state,
            "by_department": self.by_department,
            "by_decision": self.by_decision,
            "selected": self.selected,
            "answered": self.answered,
            "overdue": self.overdue,
            "median_days_to_answer": self.median_days_to_answer,
            "answered_share": self.answered_share,
        }


def totals(municipality: Municipality, today: date | None = None) -> Totals:
    """The one source of the proposal figures on the public page, in the API, the command
    `klimatkontrakt proposals` and the follow-up report: published proposals only, so every
    reader sees the same numbers."""
    day = today or timezone.localdate()
    qs = Proposal.objects.filter(
        municipality=municipality,
        moderation=Proposal.Moderation.APPROVED,
        merged_into__isnull=True,
    )
    rows = list(
        qs.values_list(
            "channel",
            "state__key",
            "department__name",
            "selection__selected_at",
            "answer__answered_at",
            "answer__decision",
        )
    )
    states = [s.key for s in ProposalState.objects.filter(municipality=municipality)]
    by_state = Counter(dict.fromkeys(states, 0)) + Counter(r[1] for r in rows)
    pairs = [
        (timezone.localdate(r[3]), timezone.localdate(r[4]))
        for r in rows
        if r[3] is not None and r[4] is not None
    ]
    selected = sum(1 for r in rows if r[3] is not None)
    answered = sum(1 for r in rows if r[3] is not None and r[4] is not None)
    return Totals(
        total=len(rows),
        by_channel={c: sum(1 for r in rows if r[0] == c) for c in Channel.values},
        by_state={k: by_state.get(k, 0) for k in dict.fromkeys([*states, *by_state])},
        by_department=dict(sorted(Counter(r[2] for r in rows if r[2]).items())),
        by_decision={d: sum(1 for r in rows if r[5] == d) for d in Answer.Decision.values},
        selected=selected,
        answered=answered,
        overdue=qs.filter(_open_overdue(day)).count(),
        median_days_to_answer=median_days(pairs),
        answered_share=answered_share(answered, selected),
    )


def overdue_proposals(municipality: Municipality, today: date | None = None) -> QuerySet[Proposal]:
    day = today or timezone.localdate()
    return (
        Proposal.objects.filter(municipality=municipality, merged_into__isnull=True)
        .filter(_open_overdue(day))
        .select_related("department", "state")
        .order_by("deadline", "pk")
    )


def queue_for(user: Any, municipality: Municipality) -> QuerySet[Proposal]:
    """The proposals assigned to the user's departments; an editor's queue is every assigned
    proposal. Unanswered first, by deadline."""
    qs = Proposal.objects.filter(
        municipality=municipality, department__isnull=False, merged_into__isnull=True
    )
    if not can_edit(user, municipality):
        qs = qs.filter(department_id__in=department_ids(user, municipality))
    return qs.select_related("department", "state", "answer").order_by("answer", "deadline", "pk")


def waiting_for_moderation(municipality: Municipality) -> QuerySet[Proposal]:
    return Proposal.objects.filter(
        municipality=municipality, moderation=Proposal.Moderation.PENDING
    ).order_by("received", "pk")


def selectable(municipality: Municipality) -> QuerySet[Proposal]:
    """Published proposals not yet selected nor merged: the pool an editor selects from."""
    return (
        Proposal.objects.filter(
            municipality=municipality,
            moderation=Proposal.Moderation.APPROVED,
            selection__isnull=True,
            merged_into__isnull=True,
        )
        .prefetch_related("themes")
        .order_by("school", "grade", "pk")
    )


def assignable(municipality: Municipality) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(
            municipality=municipality,
            selection__isnull=False,
            merged_into__isnull=True,
            answer__isnull=True,
        )
        .select_related("department", "state")
        .order_by("department", "pk")
    )


@dataclass(frozen=True)
class CarriedBy:
    """The action, measure or commitment an answer names, with its progress, if visible."""

    kind: str
    title: str
    status: str
    progress: int | None
    url: str


def carried_by(user: Any, answer: Answer, language: str) -> list[CarriedBy]:
    muni = answer.proposal.municipality
    out: list[CarriedBy] = []
    action = answer.action
    if action is not None and visible_action_plans(user, muni).filter(pk=action.plan_id).exists():
        out.append(
            CarriedBy(
                "action",
                f"{action.identifier} {action.title}",
                action.status.label(language),
                action.progress,
                reverse("plans:action", args=[muni.code, action.plan_id, action.pk]),
            )
        )
    measure = answer.measure
    if measure is not None and (
        visible_investment_plans(user, muni).filter(pk=measure.plan_id).exists()
    ):
        out.append(
            CarriedBy(
                "measure",
                measure.name,
                str(measure.get_status_display()),
                None,
                reverse("investments:measures", args=[muni.code, measure.plan_id]),
            )
        )
    commitment = answer.commitment
    if commitment is not None and (
        visible_versions(user, muni).filter(pk=commitment.version_id).exists()
    ):
        out.append(
            CarriedBy(
                "commitment",
                commitment.title,
                commitment.status.label(language),
                None,
                reverse(
                    "contracts:commitment", args=[muni.code, commitment.version.year, commitment.pk]
                ),
            )
        )
    return out


def state_names(municipality: Municipality) -> dict[str, dict[str, str]]:
    """The municipality's proposal states by key, in both languages (for the report)."""
    return {
        s.key: {"sv": s.name_sv, "en": s.name_en}
        for s in ProposalState.objects.filter(municipality=municipality)
    }
