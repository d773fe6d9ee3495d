"""The national level's demo: a development editor of Viable Cities' programme office and one of
an agency (Formas), with the demo editor's password. The organisations, the contract cities and
the 2024 common part are loaded by the organisations and contracts demos. Three more contract
cities with example data (demo_cities.py) load late, after every other app's demo."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from klimatkontrakt.organisations.demo import DEMO_PASSWORD, VIABLE_CITIES
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.organisations.services import create_user, grant_role

PROGRAMME_EDITOR = "viablecities-redaktor"
AGENCY_EDITOR = "formas-redaktor"
AGENCY = "formas"
DEMO_REPORT_YEAR = 2024


def load(stdout: Any) -> None:
    if not settings.DEMO_ACCOUNT:
        return
    programme = Organisation.objects.get(slug=VIABLE_CITIES[0])
    agency = Organisation.objects.get(slug=AGENCY)
    for username, org in ((PROGRAMME_EDITOR, programme), (AGENCY_EDITOR, agency)):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            create_user(username, DEMO_PASSWORD, organisation=org, role="editor")
            stdout.write(f"Demo user {username} (editor in {org.name}), password {DEMO_PASSWORD}")
        else:
            grant_role(user, org, "editor")


def load_late(stdout: Any) -> None:
    """Run by the demo command after every app's `load`: the example cities need the plans,
    indicators, investments, engagement and reports apps, which load after this one."""
    from klimatkontrakt.national import demo_cities

    demo_cities.load(stdout)
    from klimatkontrakt.national.agency_demo import name_funders

    # Every demo city's funding sources exist now (Karlstad's and the example cities').
    name_funders(stdout)
    _national_report(stdout)


def _national_report(stdout: Any) -> None:
    """The 2024 national report, approved and published, gathered from the demo's data (and
    saying so); an approved one is left as it is. Gathering takes about a second
    (bench/national_report_gather.py)."""
    from klimatkontrakt.national import report_services
    from klimatkontrakt.national.models import NationalReport
    from klimatkontrakt.organisations.access import SYSTEM

    report = NationalReport.objects.filter(year=DEMO_REPORT_YEAR).first()
    if report is None or not report.is_approved:
        draft = report_services.create_draft(SYSTEM, DEMO_REPORT_YEAR, example_data=True)
        report = report_services.approve(SYSTEM, draft)
    if not report.is_published:
        report = report_services.publish(SYSTEM, report)
    stdout.write(
        f"National follow-up report {report.year}: {report.state}, published "
        f"(built from the demo's example data)."
    )
