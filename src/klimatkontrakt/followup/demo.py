"""Demo indicators, action plans and goal teams for Karlstad (services, plan_demo, goal_demo)."""

from typing import Any

from klimatkontrakt.followup.goal_demo import load_demo_teams
from klimatkontrakt.followup.plan_demo import load_demo_plans
from klimatkontrakt.followup.services import load_demo_indicators


def load(stdout: Any) -> None:
    indicators = load_demo_indicators("1780")
    examples = sum(1 for i in indicators if i.is_example)
    stdout.write(
        f"Indicators for Karlstad: {len(indicators)} ({examples} with example values, "
        "labelled as such; one with SMHI figures)"
    )
    plans = load_demo_plans("1780")
    actions = sum(p.actions.count() for p in plans)
    stdout.write(
        f"Action plans for Karlstad: {len(plans)} with {actions} actions "
        "(statuses and updates are examples)"
    )
    people = load_demo_teams("1780")
    if people:
        stdout.write(f"Goal teams for Karlstad: {len(people)} people (invented example names)")
