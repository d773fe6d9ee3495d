"""Demo engagement for Karlstad: every signatory and proposal is invented example data."""

from typing import Any


def load(stdout: Any) -> None:
    # Local climate contracts

    # Proposals
    from klimatkontrakt.engagement import proposal_demo
    from klimatkontrakt.organisations.demo import KARLSTAD
    from klimatkontrakt.organisations.models import Municipality

    karlstad = Municipality.objects.filter(code=KARLSTAD).first()
    if karlstad is not None:
        proposal_demo.load(karlstad, stdout)
    return None
