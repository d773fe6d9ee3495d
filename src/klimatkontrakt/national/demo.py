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
