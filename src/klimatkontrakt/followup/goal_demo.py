"""Demo goal teams for Karlstad's demo goals. Every person is invented example data: the names
say "Exempel" and the e-mail addresses are at example.org, which nobody can own."""

from klimatkontrakt.emissions.models import Goal
from klimatkontrakt.followup import goal_services
from klimatkontrakt.followup.models import GoalPerson
from klimatkontrakt.followup.plan_services import OPERATOR
from klimatkontrakt.organisations.models import Department, Municipality

# role, title, department short name, e-mail
DEMO_TEAM = [
    ("coordinator", "Klimatstrateg", "KLK", "exempel.klimatstrateg@example.org"),
    ("member", "Energi- och klimatrådgivare", "MF", ""),
    ("member", "Trafikplanerare", "SBF", ""),
    ("member", "Hållbarhetsstrateg", "KEAB", ""),
    ("member", "Fastighetsstrateg", "KBAB", ""),
]


def load_demo_teams(code: str = "1780") -> list[GoalPerson]:
    """A published team for each demo goal that has none yet; running it again adds nothing."""
    muni = Municipality.objects.filter(code=code).first()
    if muni is None:
        return []
    added = []
    for goal in Goal.objects.filter(municipality=muni, name__endswith="(demo)"):
        if GoalPerson.objects.filter(team__goal=goal).exists():
            continue
        for order, (role, title, short, email) in enumerate(DEMO_TEAM):
            dept = Department.objects.filter(municipality=muni, short_name=short).first()
            data = goal_services.PersonInput(
                role=role,
                name=f"Exempel: {title}",
                title=title,
                department=dept,
                email=email,
                order=order,
            )
            added.append(goal_services.add_person(OPERATOR, goal, data))
        goal_services.set_team_published(OPERATOR, goal, True)
    return added
