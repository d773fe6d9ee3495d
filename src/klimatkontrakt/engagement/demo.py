"""Demo engagement for Karlstad: every signatory and proposal is invented example data."""

from typing import Any


def load(stdout: Any) -> None:
    # Local climate contracts
    from klimatkontrakt.engagement.local_contract_demo import load_demo_local_contract

    added = load_demo_local_contract()
    if added:
        stdout.write(f"Local climate contract for Karlstad: {added} example signatories")

    # Proposals
    from klimatkontrakt.engagement import proposal_demo
    from klimatkontrakt.organisations.demo import KARLSTAD
    from klimatkontrakt.organisations.models import Municipality

    karlstad = Municipality.objects.filter(code=KARLSTAD).first()
    if karlstad is not None:
        proposal_demo.load(karlstad, stdout)
    return None
