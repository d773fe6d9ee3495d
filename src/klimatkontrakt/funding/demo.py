"""Demo funding for Karlstad: example grant records and calls, labelled as example data."""

from typing import Any

# Grants
from klimatkontrakt.funding import grant_demo


def load(stdout: Any) -> None:
    # Grants
    grant_demo.load(stdout)

    # Calls
    return None
