"""Demo funding for Karlstad: example grant records and calls, labelled as example data."""

from typing import Any


def load(stdout: Any) -> None:
    # Grants

    # Calls
    from klimatkontrakt.funding.call_demo import load_demo_calls

    stdout.write(f"Calls for funding: {load_demo_calls()} open example calls (example data).")
    return None
