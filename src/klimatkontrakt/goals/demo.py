"""Demo goal teams for Karlstad's demo goals. Every person is invented example data: the names
say "Exempel" and the e-mail addresses are at example.org, which nobody can own."""

from typing import Any

from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.goals import services
from klimatkontrakt.goals.models import GoalPerson
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Department, Municipality

# role, title, department short name, e-mail
DEMO_TEAM = [
    ("coordinator", "Klimatstrateg", "KLK", "exempel.klimatstrateg@example.org"),
    ("member", "Energi- och klimatrådgivare", "MF", ""),
    ("member", "Trafikplanerare", "SBF", ""),
    ("member", "Hållbarhetsstrateg", "KEAB", ""),
    ("member", "Fastighetsstrateg", "KBAB", ""),
]


def load_demo_teams(code: str = KARLSTAD) -> list[GoalPerson]:
    """A published team for each demo goal that has none yet; running it again adds nothing."""
    muni = Municipality.objects.filter(code=code).first()
    if muni is None:
        return []
    added = []
    for goal in emissions.goals(SYSTEM, muni).filter(name__endswith="(demo)"):
        if GoalPerson.objects.filter(team__goal=goal).exists():
            continue
        for order, (role, title, short, email) in enumerate(DEMO_TEAM):
            dept = Department.objects.filter(municipality=muni, short_name=short).first()
            data = services.PersonInput(
                role=role,
                name=f"Exempel: {title}",
                title=title,
                department=dept,
                email=email,
                order=order,
            )
            added.append(services.add_person(SYSTEM, goal, data))
        services.set_team_published(SYSTEM, goal, True)
    return added


def load(stdout: Any) -> None:
    people = load_demo_teams(KARLSTAD)
    if people:
        stdout.write(f"Goal teams for Karlstad: {len(people)} people (invented example names)")
