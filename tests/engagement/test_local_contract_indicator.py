"""Approving a signatory updates the indicator of active signatories, tied to the contract
commitment to increase the number of local climate contracts where the contract has one."""

from klimatkontrakt.engagement.services import local_contracts as services
from klimatkontrakt.indicators.selectors import indicator_named
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import SignatoryFactory

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract


def test_approval_feeds_the_indicator(
    editor, local_contract, version_2023, commitment_input_factory
):
    from klimatkontrakt.contracts import services as contracts

    contracts.create_commitment(
        editor, version_2023,
        commitment_input_factory(version=version_2023, title="Fler lokala klimatkontrakt"),
    )  # fmt: skip
    first = SignatoryFactory(contract=local_contract, state="confirmed")
    second = SignatoryFactory(contract=local_contract, state="confirmed")
    services.decide(editor, first, approve=True)
    services.decide(editor, second, approve=True)
    indicator = indicator_named(local_contract.municipality, services.INDICATOR_NAME)
    assert indicator is not None and indicator.is_published
    assert "Fler lokala klimatkontrakt" in indicator.description
    year = first.decided_at.year
    assert indicator.values.get(year=year).value == 2.0
    services.decide(editor, second, approve=False)
    assert indicator.values.get(year=year).value == 1.0


def test_without_the_commitment_the_indicator_still_counts(editor, local_contract):
    services.decide(
        editor, SignatoryFactory(contract=local_contract, state="confirmed"), approve=True
    )
    indicator = indicator_named(local_contract.municipality, services.INDICATOR_NAME)
    assert "åtagande" not in indicator.description
    assert [v.value for v in indicator.values.all()] == [1.0]
