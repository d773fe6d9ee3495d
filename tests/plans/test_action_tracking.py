"""Which actions are on track and which are late, as the municipality summary counts them."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from klimatkontrakt.plans import services
from klimatkontrakt.plans.models import Action
from klimatkontrakt.plans.selectors import action_tracking

pytestmark = pytest.mark.django_db


def test_late_means_past_its_end_date_or_its_update_overdue(karlstad, editor):
    plan = services.create_plan(
        editor,
        karlstad,
        kind="energy_climate",
        title="Plan",
        owner_name="Miljöförvaltningen",
        is_published=True,
    )
    statuses = {s.key: s for s in services.ensure_action_statuses(karlstad)}
    today = timezone.now()

    def action(identifier: str, status: str, **fields: object) -> Action:
        return Action.objects.create(
            plan=plan,
            identifier=identifier,
            title=identifier,
            status=statuses[status],
            last_update_at=today,
            **fields,
        )

    action("A1", "in_progress", end_date=date.today() + timedelta(days=30))
    action("A2", "in_progress", end_date=date.today() - timedelta(days=1))
    stale = action("A3", "not_started")
    stale.last_update_at = today - timedelta(days=plan.update_interval_days + 1)
    stale.save()
    action("A4", "done", end_date=date.today() - timedelta(days=100))

    tracking = action_tracking(AnonymousUser(), karlstad)
    assert (tracking.on_track, tracking.off_track, tracking.closed) == (1, 2, 1)

    plan.is_published = False
    plan.save()
    assert action_tracking(AnonymousUser(), karlstad).total == 0
    assert action_tracking(editor, karlstad).total == 4
