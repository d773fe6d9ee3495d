"""Demo indicators for Karlstad (see services.load_demo_indicators)."""

from typing import Any

from klimatkontrakt.followup.services import load_demo_indicators


def load(stdout: Any) -> None:
    indicators = load_demo_indicators("1780")
    examples = sum(1 for i in indicators if i.is_example)
    stdout.write(
        f"Indicators for Karlstad: {len(indicators)} ({examples} with example values, "
        "labelled as such; one with SMHI figures)"
    )
