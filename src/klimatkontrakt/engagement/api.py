"""Local climate contracts and proposals in the JSON API: one router each."""

from ninja import Router

# Local climate contracts
from klimatkontrakt.engagement import local_contract_api

local_contracts_router = local_contract_api.router


# Proposals
proposals_router = Router(tags=["proposals"])
