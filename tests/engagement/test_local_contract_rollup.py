"""The roll-up: signatories by kind, pledges by status, reductions per SMHI sector capped at the
sector's emissions, and the sectors where a municipal measure acts too."""

import math

from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc.local_contracts import reduction_from_quantity, roll_up
from klimatkontrakt.engagement.selectors.local_contracts import rollup, rollup_json
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import (
    PledgeFactory,
    SignatoryFactory,
    report,
    sector_emissions,
)

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract

SECTORS = ["Transporter", "Jordbruk", "Arbetsmaskiner"]
tonnes = st.floats(0, 1e6, allow_nan=False)


@given(st.lists(st.tuples(st.sampled_from(SECTORS), tonnes), max_size=20),
       st.dictionaries(st.sampled_from(SECTORS), tonnes))  # fmt: skip
def test_no_sector_counts_more_than_it_emits(pairs, limits):
    r = roll_up(pairs, limits)
    for sector, t in r.counted_t.items():
        assert t <= limits.get(sector, math.inf) + 1e-9
        assert (sector in r.capped) == (r.reported_t[sector] > limits.get(sector, math.inf))
    assert r.total_t <= r.reported_total_t + 1e-6


def test_a_quantity_times_the_default():
    assert reduction_from_quantity(4, 1.5) == 6.0


def test_the_roll_up_counts_caps_and_flags(
    local_contract, measure_factory, investment_plan_factory
):
    muni = local_contract.municipality
    a = SignatoryFactory(contract=local_contract)
    b = SignatoryFactory(
        contract=local_contract, kind="resident", name="", consent_to_publish=False
    )
    SignatoryFactory(contract=local_contract, state="confirmed")  # not approved: not counted
    report(PledgeFactory(signatory=a, sector="Transporter"), 2023, "30")
    report(PledgeFactory(signatory=b, sector="Transporter"), 2023, "40", status="started")
    report(PledgeFactory(signatory=a, sector="Jordbruk"), 2023, "5")
    PledgeFactory(signatory=b, sector="Jordbruk")  # no report
    sector_emissions(muni, {"Transporter": 50.0, "Jordbruk": 1000.0})
    plan = investment_plan_factory(municipality=muni, scope="geography", is_published=True)
    measure_factory(plan=plan, sector="Transporter")
    data = rollup_json(rollup(muni, 2023))
    assert data["signatories"] == {"organisation": 1, "resident": 1, "total": 2}
    assert data["pledges"] == {"not_started": 0, "started": 1, "done": 2, "not_reported": 1}
    reduction = data["reported_reduction_t"]
    assert reduction["by_sector"] == {"Jordbruk": 5.0, "Transporter": 50.0}  # 70 capped at 50
    assert reduction["total"] == 55.0 and reduction["reported_before_cap"] == 75.0
    assert reduction["capped_sectors"] == ["Transporter"]
    assert data["overlap_sectors"] == ["Transporter"]
    assert data["by_year"] == [{"year": 2023, "total_t": 55.0}]


def test_an_unpublished_or_organisation_plan_is_no_overlap(
    local_contract, measure_factory, investment_plan_factory
):
    muni = local_contract.municipality
    report(PledgeFactory(signatory=SignatoryFactory(contract=local_contract)), 2023, "3")
    hidden = investment_plan_factory(municipality=muni, scope="geography", is_published=False)
    measure_factory(plan=hidden, sector="Transporter")
    assert rollup(muni, 2023).overlap_sectors == []
