"""Demo funding for Karlstad: example grant records and calls, labelled as example data."""

from typing import Any

# Grants
from klimatkontrakt.funding import grant_demo


def load(stdout: Any) -> None:
    # Grants
    grant_demo.load(stdout)

    # Calls
    from klimatkontrakt.funding.call_demo import load_demo_calls

    stdout.write(f"Calls for funding: {load_demo_calls()} open example calls (example data).")
    return None
