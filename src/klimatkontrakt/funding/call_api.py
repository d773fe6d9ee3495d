"""Calls for funding in the JSON API, mounted by klimatkontrakt.api at /api/calls/."""

from ninja import Router

router = Router(tags=["funding"])
