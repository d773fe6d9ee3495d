"""Local climate contracts and proposals in the JSON API: one router each."""

# Local climate contracts
from klimatkontrakt.engagement import local_contract_api

local_contracts_router = local_contract_api.router


# Proposals
from klimatkontrakt.engagement.proposal_api import proposals_router  # noqa: E402, F401
