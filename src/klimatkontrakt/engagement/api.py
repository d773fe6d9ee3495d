"""Local climate contracts and proposals in the JSON API: one router each, mounted by
klimatkontrakt.api at /api/local-contracts/ and /api/proposals/."""

from klimatkontrakt.engagement.local_contract_api import router as local_contracts_router
from klimatkontrakt.engagement.proposal_api import proposals_router

__all__ = ["local_contracts_router", "proposals_router"]
