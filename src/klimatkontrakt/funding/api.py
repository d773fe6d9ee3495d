"""Grants and calls in the JSON API: one router each, mounted by klimatkontrakt.api."""

from klimatkontrakt.funding.call_api import router as calls_router
from klimatkontrakt.funding.grant_api import router as grants_router

__all__ = ["calls_router", "grants_router"]
