"""One plan in the API: the number of queries does not grow with the number of actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimatkontrakt.plans import services as plans

pytestmark = pytest.mark.django_db


def _queries(client, plan) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(f"/api/action-plans/{plan.pk}/", {"municipality": "1780"})
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_plan_detail_queries_do_not_grow_with_actions(client, karlstad, editor, indicator_factory):
    plan = plans.create_plan(
        editor, karlstad, kind="waste", title="Avfallsplan", owner_name="X", is_published=True
    )
    ind = indicator_factory(
        municipality=karlstad, name="Matsvinn", unit="kg", direction="down",
        source_kind="manual", is_published=True,
    )  # fmt: skip

    def add(n: int) -> None:
        for i in range(n):
            plans.create_action(editor, plan, plans.ActionInput(f"A{i}", "T", indicators=[ind]))

    add(2)
    few = _queries(client, plan)
    plan.actions.all().delete()
    add(12)
    many = _queries(client, plan)
    assert many == few
    [one, *_] = client.get(f"/api/action-plans/{plan.pk}/", {"municipality": "1780"}).json()[
        "actions"
    ]
    assert one["indicator_ids"] == [ind.pk]
