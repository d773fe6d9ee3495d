"""Demo: a generated EXAMPLE ledger for Karlstad with example energy and fuel data."""

from typing import Any

from klimatkontrakt.footprint.services import load_demo_footprint
from klimatkontrakt.organisations.models import Municipality


def load(stdout: Any) -> None:
    if not Municipality.objects.filter(code="1780").exists():
        return
    ledger = load_demo_footprint()
    stdout.write(f"Footprint demo: {ledger.imports.count()} example ledger files for Karlstad.")
