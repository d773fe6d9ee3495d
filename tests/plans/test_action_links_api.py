"""The JSON API shows an action's links (ids and titles) and lets an editor set them."""

import pytest
from django.test import Client

from klimatkontrakt.contracts import services as contracts
from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.plans import services as plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(karlstad, editor):
    plan = plans.create_plan(
        editor, karlstad, kind="energy_climate", title="Energi- och klimatplan",
        owner_name="Energisamordnare", is_published=True,
    )  # fmt: skip
    return plans.create_action(editor, plan, plans.ActionInput(identifier="E1", title="Solel"))


@pytest.fixture
def targets(karlstad, editor, version_2023, measure_factory, indicator_factory):
    """A signed commitment, a measure of a published investment plan and a published indicator."""
    contracts.sign_version(editor, version_2023)
    return {
        "commitment": Commitment.objects.filter(version=version_2023).order_by("pk").first(),
        "measure": measure_factory(
            plan__municipality=karlstad, plan__is_published=True,
            name="Solceller på kommunala tak",
        ),
        "indicator": indicator_factory(
            municipality=karlstad, name="Solel i kommunen", unit="MWh", direction="up",
            is_published=True,
        ),
    }  # fmt: skip


def _url(action):
    return f"/api/action-plans/{action.plan_id}/actions/{action.pk}/links?municipality=1780"


def _body(t):
    return {
        "commitment_ids": [t["commitment"].pk],
        "measure_ids": [t["measure"].pk],
        "indicator_ids": [t["indicator"].pk],
    }


def test_editor_sets_links_and_the_plan_shows_them(client, editor, action, targets):
    client.force_login(editor)
    r = client.put(_url(action), _body(targets), content_type="application/json")
    assert r.status_code == 200, r.content
    links = r.json()["links"]
    c, m, i = targets["commitment"], targets["measure"], targets["indicator"]
    assert links["commitments"] == [{"id": c.pk, "title": c.title, "year": 2023}]
    assert links["measures"] == [{"id": m.pk, "title": m.name, "plan": m.plan.name}]
    assert links["indicators"] == [{"id": i.pk, "title": i.name}]
    public = Client().get(f"/api/action-plans/{action.plan_id}/", {"municipality": "1780"}).json()
    [out] = public["actions"]
    assert out["id"] == action.pk and out["links"] == links and out["indicator_ids"] == [i.pk]
    r = client.put(_url(action), {"indicator_ids": [i.pk]}, content_type="application/json")
    assert r.json()["links"]["commitments"] == [] and not action.commitments.exists()


def test_public_reads_only_visible_links(client, editor, action, targets):
    plans.set_links(
        editor, action, commitments=[targets["commitment"]], measures=[targets["measure"]],
        indicators=[targets["indicator"]],
    )  # fmt: skip
    targets["indicator"].is_published = False
    targets["indicator"].save()
    targets["measure"].plan.is_published = False
    targets["measure"].plan.save()
    [out] = client.get(f"/api/action-plans/{action.plan_id}/", {"municipality": "1780"}).json()[
        "actions"
    ]
    assert out["links"]["indicators"] == [] and out["links"]["measures"] == []
    assert out["links"]["commitments"][0]["id"] == targets["commitment"].pk


@pytest.mark.parametrize("who", ["anonymous", "viewer", "outsider"])
def test_others_cannot_set_links(request, client, who, action, targets):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    r = client.put(_url(action), _body(targets), content_type="application/json")
    assert r.status_code in (401, 403, 404)
    assert not action.commitments.exists() and not action.indicators.exists()


def test_unknown_or_foreign_ids_are_refused_whole(
    client, editor, action, targets, other_municipality, contract_version_factory
):
    foreign = contract_version_factory(municipality=other_municipality, year=2023, commitments=1)
    c = Commitment.objects.get(version=foreign)
    client.force_login(editor)
    body = {**_body(targets), "commitment_ids": [targets["commitment"].pk, c.pk]}
    r = client.put(_url(action), body, content_type="application/json")
    assert r.status_code == 422 and str(c.pk) in r.json()["detail"]
    assert not action.commitments.exists() and not action.indicators.exists()
