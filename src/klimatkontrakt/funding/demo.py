"""Demo funding for Karlstad: example grant records and calls, labelled as example data."""

from typing import Any


def load(stdout: Any) -> None:
    # Grants

    # Calls
    return None
