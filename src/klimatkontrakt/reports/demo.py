"""Demo: Karlstad's approved and published follow-up report for 2024 (after the other apps)."""

from typing import Any

from klimatkontrakt.reports.services import load_demo_report


def load(stdout: Any) -> None:
    report = load_demo_report("1780", 2024)
    stdout.write(
        f"Follow-up report: Karlstad {report.year}, {report.state}, "
        f"{'published' if report.is_published else 'not published'}."
    )
