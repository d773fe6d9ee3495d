import pytest
from django.core.exceptions import PermissionDenied

from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.investments.services import scale_up_plan


def test_scale_up_copies_everything_without_retyping(demo_plan, editor):
    wider = scale_up_plan(
        editor, demo_plan, name="Hela koncernen", scope=InvestmentPlan.Scope.GROUP
    )
    assert wider.pk != demo_plan.pk
    assert wider.scaled_up_from == demo_plan
    assert wider.department is None and not wider.is_published
    assert wider.measures.count() == demo_plan.measures.count()
    assert wider.baseline.count() == demo_plan.baseline.count()
    assert sum(m.fundings.count() for m in wider.measures.all()) == sum(
        m.fundings.count() for m in demo_plan.measures.all()
    )
    # Same figures: the copy computes the same pathway.
    a = selectors.plan_summary(demo_plan, runs=50).pathway
    b = selectors.plan_summary(wider, runs=50).pathway
    assert a.total_cumulative_t == pytest.approx(b.total_cumulative_t)
    # The pilot is untouched by later edits to the copy.
    wider.measures.all().delete()
    assert demo_plan.measures.count() > 0


def test_scale_up_needs_editor(demo_plan, viewer):
    with pytest.raises(PermissionDenied):
        scale_up_plan(viewer, demo_plan, name="X", scope=InvestmentPlan.Scope.GROUP)
