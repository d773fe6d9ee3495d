"""A territorial investment plan's pathway shows the signatories' counted reductions beside the
measures (chart and table) and names the sectors a municipal measure acts on too."""

from decimal import Decimal

from klimatkontrakt.investments.models import BaselineSector
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import report

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory


def _plan(investment_plan_factory, measure_factory, muni, scope):
    plan = investment_plan_factory(
        municipality=muni, scope=scope, is_published=True, base_year=2022, end_year=2030
    )
    BaselineSector.objects.create(plan=plan, sector="Transporter", base_t=Decimal("1000"))
    measure_factory(plan=plan, sector="Transporter")
    return plan


def test_the_territorial_pathway_shows_signatories(
    client, signatory, investment_plan_factory, measure_factory
):
    report(signatory.pledges.order_by("pk").first(), 2024, "12")
    plan = _plan(investment_plan_factory, measure_factory, signatory.contract.municipality,
                 "geography")  # fmt: skip
    page = client.get(f"/kommun/1780/investeringsplan/{plan.pk}/").content.decode()
    assert "Minskningar av undertecknare" in page
    assert "samma sektorer som kommunala åtgärder: Transporter" in page
    csv = client.get(f"/kommun/1780/investeringsplan/{plan.pk}/data/utslappsbana/?format=csv")
    text = csv.content.decode("utf-8-sig")
    assert "Minskningar av undertecknare (ton CO2e)" in text
    row_2024 = next(line for line in text.splitlines() if line.startswith("2024;"))
    assert ";12;" in row_2024 or ";12,0" in row_2024


def test_a_plan_of_the_organisation_shows_none(
    client, signatory, investment_plan_factory, measure_factory
):
    report(signatory.pledges.order_by("pk").first(), 2024, "12")
    plan = _plan(investment_plan_factory, measure_factory, signatory.contract.municipality,
                 "group")  # fmt: skip
    page = client.get(f"/kommun/1780/investeringsplan/{plan.pk}/").content.decode()
    assert "Minskningar av undertecknare" not in page
