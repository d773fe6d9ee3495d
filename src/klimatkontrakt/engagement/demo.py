"""Demo engagement for Karlstad: every signatory and proposal is invented example data."""

from typing import Any


def load(stdout: Any) -> None:
    # Local climate contracts

    # Proposals
    return None
