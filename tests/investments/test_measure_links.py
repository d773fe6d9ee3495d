"""A measure links to contract commitments and action-plan actions of its own municipality."""

from django.urls import reverse

from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.investments.services import scale_up_plan
from tests.investments.test_plan_pages import cobenefit_forms


def test_editor_links_commitment_and_action(
    client, demo_plan, editor, other_municipality, contract_version_factory, action_factory
):
    version = contract_version_factory(
        municipality=demo_plan.municipality, year=2024, commitments=2
    )
    commitment = Commitment.objects.filter(version=version).first()
    action = action_factory(
        plan__municipality=demo_plan.municipality, plan__title="Energi- och klimatplan",
        identifier="E1", title="Solceller på tak",
    )  # fmt: skip
    foreign = action_factory(
        plan__municipality=other_municipality, plan__title="Stockholms plan",
        identifier="E1", title="Solceller på tak",
    )  # fmt: skip
    m = demo_plan.measures.get(name="Solceller på kommunala tak")
    client.force_login(editor)
    edit = reverse("investments:measure_edit", args=["1780", demo_plan.pk, m.pk])
    page = client.get(edit).content.decode()
    assert commitment.title in page and "Solceller på tak" in page
    assert "Stockholms plan" not in page  # another municipality's actions are not offered
    data = {
        "name": m.name, "sector": m.sector, "department": m.department_id, "kind": m.kind,
        "status": m.status, "start_year": m.start_year, "ramp_up_years": m.ramp_up_years,
        "lifetime_years": m.lifetime_years, "capex_sek": str(m.capex_sek),
        "opex_change_sek_per_year": str(m.opex_change_sek_per_year),
        "reduction_t_per_year": str(m.reduction_t_per_year),
        "commitments": [commitment.pk], "actions": [action.pk], **cobenefit_forms(),
    }  # fmt: skip
    assert client.post(edit, data).status_code == 302
    assert list(m.commitments.all()) == [commitment] and list(m.actions.all()) == [action]
    refused = client.post(edit, {**data, "actions": [foreign.pk]})
    assert refused.status_code == 200 and list(m.actions.all()) == [action]
    row = next(
        r
        for r in selectors.summary_json(selectors.plan_summary(demo_plan, runs=10))["measures"]
        if r["name"] == m.name
    )
    assert row["commitments"] == [commitment.title]
    assert row["actions"] == ["Energi- och klimatplan E1"]
    wider = scale_up_plan(editor, demo_plan, name="Koncern", scope=InvestmentPlan.Scope.GROUP)
    assert list(wider.measures.get(name=m.name).actions.all()) == [action]
