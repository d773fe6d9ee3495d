"""Grants in the JSON API, mounted by klimatkontrakt.api at /api/grants/."""

from ninja import Router

router = Router(tags=["funding"])
