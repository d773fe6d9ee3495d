"""Reads for the action-plan pages: one plan or action the user may see, actions by package."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.contracts.selectors import commitments_of_municipality, visible_versions
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.selectors import visible_indicators
from klimatkontrakt.investments.models import Measure
from klimatkontrakt.investments.selectors import visible_plans as visible_investment_plans
from klimatkontrakt.organisations.access import published_or_included
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.models import Action, ActionPlan, ActionUpdate, WorkPackage


def plan_for(user: Any, municipality: Municipality, pk: int) -> ActionPlan:
    try:
        return visible_plans(user, municipality).get(pk=pk)
    except ActionPlan.DoesNotExist as exc:
        raise Http404(f"No action plan {pk} for {municipality.code}") from exc


def action_for(user: Any, municipality: Municipality, plan_pk: int, pk: int) -> Action:
    plan = plan_for(user, municipality, plan_pk)
    try:
        return (
            Action.objects.select_related(
                "plan", "status", "work_package", "responsible_department"
            )
            .prefetch_related(
                "indicators",
                "commitments",
                Prefetch(
                    "updates", queryset=ActionUpdate.objects.select_related("status", "author")
                ),
            )
            .get(plan=plan, pk=pk)
        )
    except Action.DoesNotExist as exc:
        raise Http404(f"No action {pk} in plan {plan_pk}") from exc


@dataclass
class ActionRow:
    action: Action
    overdue: bool


@dataclass
class PackageGroup:
    """A work package (or development area) with its actions; `package` None: no package."""

    package: WorkPackage | None
    rows: list[ActionRow] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)

    @property
    def mean_progress(self) -> int | None:
        if not self.rows:
            return None
        return round(sum(r.action.progress for r in self.rows) / len(self.rows))


@dataclass
class PlanOverview:
    plan: ActionPlan
    groups: list[PackageGroup]

    @property
    def action_count(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def overdue(self) -> int:
        return sum(g.overdue for g in self.groups)


def plan_overview(plan: ActionPlan, now: datetime | None = None) -> PlanOverview:
    """The plan's actions grouped by work package in the plan's order, each flagged if overdue."""
    moment = now or timezone.now()
    packages = list(plan.work_packages.all())
    groups = {wp.pk: PackageGroup(wp) for wp in packages}
    loose = PackageGroup(None)
    actions = plan.actions.select_related("status", "responsible_department", "plan")
    for action in actions.order_by("identifier"):
        group = groups.get(action.work_package_id or 0, loose)
        group.rows.append(ActionRow(action, is_stale(action, moment)))
    ordered = [groups[wp.pk] for wp in packages]
    if loose.rows:
        ordered.append(loose)
    return PlanOverview(plan, ordered)


def plan_overviews(user: Any, municipality: Municipality) -> list[PlanOverview]:
    now = timezone.now()
    return [plan_overview(p, now) for p in visible_plans(user, municipality)]


@dataclass
class ActionLinks:
    """What an action is linked to, limited to what this user may see."""

    commitments: list[Commitment]
    measures: list[Measure]
    indicators: list[Indicator]


def action_links(user: Any, action: Action) -> ActionLinks:
    """Linked commitments in their latest visible version (followed by lineage), measures of
    visible investment plans, and visible indicators."""
    return actions_links(user, action.plan.municipality, [action])[action.pk]


def actions_links(
    user: Any, municipality: Municipality, actions: list[Action]
) -> dict[int, ActionLinks]:
    """`action_links` for many actions of one municipality, in a fixed number of queries."""
    ids = [a.pk for a in actions]
    lineages = {a.pk: {c.lineage for c in a.commitments.all()} for a in actions}
    latest: dict[Any, Commitment] = {}
    candidates = (
        commitments_of_municipality(municipality)
        .filter(
            lineage__in=set().union(*lineages.values()),
            version__in=visible_versions(user, municipality),
        )
        .order_by("version__year")
    )
    for c in candidates:
        latest[c.lineage] = c  # later years overwrite earlier ones
    measures: dict[int, list[Measure]] = {pk: [] for pk in ids}
    for link in (
        Action.measures.through.objects.filter(
            action_id__in=ids,
            measure__plan__in=visible_investment_plans(user, municipality),
        )
        .select_related("measure__plan")
        .order_by("measure__plan__name", "measure__name")
    ):
        measures[link.action_id].append(link.measure)
    indicators: dict[int, list[Indicator]] = {pk: [] for pk in ids}
    visible = {i.pk: i for i in visible_indicators(user, municipality)}
    for action_id, indicator_id in Action.indicators.through.objects.filter(
        action_id__in=ids, indicator_id__in=visible
    ).values_list("action_id", "indicator_id"):
        indicators[action_id].append(visible[indicator_id])
    return {
        a.pk: ActionLinks(
            commitments=sorted(
                (latest[lin] for lin in lineages[a.pk] if lin in latest), key=lambda c: c.title
            ),
            measures=measures[a.pk],
            indicators=sorted(indicators[a.pk], key=lambda i: i.name),
        )
        for a in actions
    }


def actions_of_municipality(municipality: Municipality) -> QuerySet[Action]:
    """Every action of the municipality's plans, by plan and identifier."""
    return (
        Action.objects.filter(plan__municipality=municipality)
        .select_related("plan")
        .order_by("plan__title", "identifier")
    )


def visible_plans(user: Any, municipality: Municipality) -> QuerySet[ActionPlan]:
    qs = ActionPlan.objects.filter(municipality=municipality)
    return qs.filter(published_or_included(user, municipality)).order_by("title")


def is_stale(action: Action, now: datetime) -> bool:
    """Open and not updated within its plan's interval (counting from creation if never)."""
    if action.status.is_closed:
        return False
    since = action.last_update_at or action.created_at
    return now - since > timedelta(days=action.plan.update_interval_days)


def stale_actions(municipality: Municipality, now: datetime | None = None) -> list[Action]:
    """The municipality's open actions whose update is overdue, oldest first."""
    moment = now or timezone.now()
    actions = Action.objects.filter(plan__municipality=municipality).select_related(
        "plan", "status", "responsible_department"
    )
    overdue = [a for a in actions if is_stale(a, moment)]
    return sorted(overdue, key=lambda a: a.last_update_at or a.created_at)


def status_counts(plan: ActionPlan) -> dict[str, Counter[str]]:
    """Number of actions per status key, per work package code ("" for none)."""
    counts: dict[str, Counter[str]] = {}
    for action in plan.actions.select_related("status", "work_package"):
        code = action.work_package.code if action.work_package else ""
        counts.setdefault(code, Counter())[action.status.key] += 1
    return counts


@dataclass(frozen=True)
class ActionTracking:
    """How a municipality's visible actions stand: an open action is off track when its end
    date has passed or its update is overdue, else on track; closed actions are counted apart."""

    on_track: int
    off_track: int
    closed: int

    @property
    def total(self) -> int:
        return self.on_track + self.off_track + self.closed


def action_tracking(
    user: Any, municipality: Municipality, now: datetime | None = None
) -> ActionTracking:
    moment = now or timezone.now()
    actions = Action.objects.filter(plan__in=visible_plans(user, municipality)).select_related(
        "plan", "status"
    )
    on, off, closed = 0, 0, 0
    for action in actions:
        if action.status.is_closed:
            closed += 1
        elif is_stale(action, moment) or (
            action.end_date is not None and action.end_date < timezone.localdate(moment)
        ):
            off += 1
        else:
            on += 1
    return ActionTracking(on, off, closed)
