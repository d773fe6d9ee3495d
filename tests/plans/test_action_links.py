"""An action links to contract commitments, investment-plan measures and indicators."""

import pytest
from django.core.exceptions import ValidationError

from klimatkontrakt.contracts import services as contracts
from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.plans import services as plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(karlstad, editor):
    return plans.create_plan(
        editor,
        karlstad,
        kind="energy_climate",
        title="Energi- och klimatplan",
        owner_name="Energisamordnare",
        is_published=True,
    )


@pytest.fixture
def action(plan, editor):
    return plans.create_action(editor, plan, plans.ActionInput(identifier="E1", title="Solel"))


@pytest.fixture
def measure(karlstad, measure_factory):
    """A measure of a published investment plan."""
    return measure_factory(
        plan__municipality=karlstad, plan__is_published=True, name="Solceller på kommunala tak"
    )


@pytest.fixture
def indicator(karlstad, indicator_factory):
    return indicator_factory(
        municipality=karlstad, name="Solel i kommunen", unit="MWh", direction="up",
        is_published=True,
    )  # fmt: skip


def test_editor_links_and_the_action_page_shows_them(
    editor_client, action, measure, indicator, version_2023
):
    commitment = Commitment.objects.filter(version=version_2023).first()
    url = f"/kommun/1780/handlingsplaner/{action.plan_id}/{action.pk}/"
    r = editor_client.post(
        url + "redigera/",
        {
            "identifier": "E1",
            "title": "Solel",
            "commitments": [commitment.pk],
            "measures": [measure.pk],
            "indicators": [indicator.pk],
        },
    )
    assert r.status_code == 302
    assert list(action.commitments.all()) == [commitment]
    assert list(action.measures.all()) == [measure]
    html = editor_client.get(url).content.decode()
    assert commitment.title in html and measure.name in html and indicator.name in html


def test_commitment_link_follows_the_lineage_to_the_latest_visible_version(
    client, editor, action, version_2023
):
    commitment = Commitment.objects.filter(version=version_2023).order_by("pk").first()
    plans.update_action(
        editor, action, plans.ActionInput(identifier="E1", title="Solel", commitments=[commitment])
    )
    contracts.sign_version(editor, version_2023)
    v2024 = contracts.start_next_version(editor, version_2023)
    successor = Commitment.objects.get(version=v2024, lineage=commitment.lineage)
    url = f"/kommun/1780/handlingsplaner/{action.plan_id}/{action.pk}/"
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert f"/kontrakt/2024/atagande/{successor.pk}/" in html
    assert f"/atagande/{commitment.pk}/" not in html
    client.logout()
    public = client.get(url).content.decode()
    assert f"/kontrakt/2024/atagande/{successor.pk}/" not in public  # the 2024 draft is private
    assert f"/kontrakt/2023/atagande/{commitment.pk}/" in public  # signing published 2023


def test_links_to_another_municipalitys_records_are_refused(
    editor, action, other_municipality, contract_version_factory
):
    foreign = contract_version_factory(municipality=other_municipality, year=2023, commitments=1)
    c = Commitment.objects.get(version=foreign)
    with pytest.raises(ValidationError) as err:
        plans.update_action(
            editor, action, plans.ActionInput(identifier="E1", title="Solel", commitments=[c])
        )
    assert "commitments" in err.value.message_dict
    assert not action.commitments.exists()


def test_unpublished_measure_is_not_shown_to_the_public(client, editor, action, measure):
    plans.update_action(
        editor, action, plans.ActionInput(identifier="E1", title="Solel", measures=[measure])
    )
    measure.plan.is_published = False
    measure.plan.save()
    url = f"/kommun/1780/handlingsplaner/{action.plan_id}/{action.pk}/"
    assert measure.name not in client.get(url).content.decode()
    client.force_login(editor)
    assert measure.name in client.get(url).content.decode()
