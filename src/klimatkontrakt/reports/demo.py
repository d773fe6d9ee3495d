"""Demo: Karlstad's approved and published follow-up report for 2024 (after the other apps)."""

from typing import Any

from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.reports.models import FollowUpReport
from klimatkontrakt.reports.services import approve, create_draft, publish


def load_demo_report(code: str = KARLSTAD, year: int = 2024) -> FollowUpReport:
    """An approved, published report for the demo; an approved one is left as it is."""
    muni = Municipality.objects.get(code=code)
    report = FollowUpReport.objects.filter(municipality=muni, year=year).first()
    if report is None or not report.is_approved:
        report = create_draft(SYSTEM, muni, year)
        report = approve(SYSTEM, report)
    if not report.is_published:
        report = publish(SYSTEM, report)
    return report


def load(stdout: Any) -> None:
    report = load_demo_report(KARLSTAD, 2024)
    stdout.write(
        f"Follow-up report: Karlstad {report.year}, {report.state}, "
        f"{'published' if report.is_published else 'not published'}."
    )
