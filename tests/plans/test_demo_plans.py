"""Karlstad's demo action plans: the project plan's four work packages, loaded once only."""

import pytest

from klimatkontrakt.plans.demo import PROJECT_PLAN, load_demo_plans
from klimatkontrakt.plans.models import Action, ActionPlan, ActionUpdate

pytestmark = pytest.mark.django_db


def test_demo_plans_have_the_four_work_packages_and_are_idempotent(karlstad):
    first = load_demo_plans()
    again = load_demo_plans()
    assert [p.pk for p in first] == [p.pk for p in again]
    project = ActionPlan.objects.get(title=PROJECT_PLAN)
    assert [w.code for w in project.work_packages.all()] == ["AP1", "AP2", "AP3", "AP4"]
    for wp in project.work_packages.all():
        assert wp.actions.count() >= 3
    assert ActionUpdate.objects.filter(action__plan__in=first).count() == sum(
        1 for a in Action.objects.filter(plan__in=first) if a.last_update_at
    )
    assert all("Exempel" in a.description for a in Action.objects.filter(plan__in=first))
