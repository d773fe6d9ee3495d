"""Local climate contracts and proposals in the JSON API: one router each."""

from ninja import Router

# Local climate contracts
local_contracts_router = Router(tags=["local climate contracts"])


# Proposals
from klimatkontrakt.engagement.proposal_api import proposals_router  # noqa: E402, F401
