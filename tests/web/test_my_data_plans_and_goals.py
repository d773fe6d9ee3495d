"""GDPR: action contacts and goal team members with the user's e-mail are in "Mina uppgifter"
and are erased with the account."""

import json

import pytest
from django.contrib.auth import get_user_model

from klimatkontrakt.goals import services as teams
from klimatkontrakt.goals.models import GoalPerson
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action
from tests.organisations.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(karlstad, editor, user_factory, goal_factory):
    user = user_factory(username="lisa", email="Lisa.Kontakt@Karlstad.se")
    plan = plans.create_plan(
        editor, karlstad, kind="waste", title="Avfallsplan", owner_name="Avfallssamordnare"
    )
    plans.create_action(editor, plan, plans.ActionInput(
        "1.1", "Matsvinn", contact_name="Lisa Kontakt", contact_email="lisa.kontakt@karlstad.se",
    ))  # fmt: skip
    plans.create_action(editor, plan, plans.ActionInput("1.2", "Textil", contact_name="Per"))
    goal = goal_factory(
        municipality=karlstad, name="Klimatneutralt 2030", target_year=2030,
        scope="territorial", level_t=100000.0, is_published=True,
    )  # fmt: skip
    teams.add_person(editor, goal, teams.PersonInput(
        "coordinator", "Lisa Kontakt", "Klimatstrateg", email="LISA.KONTAKT@karlstad.se",
    ))  # fmt: skip
    teams.add_person(editor, goal, teams.PersonInput("member", "Per Annan", "Planerare"))
    return user


def test_my_data_lists_contacts_and_team_memberships(client, person):
    client.force_login(person)
    data = json.loads(client.get("/konto/mina-uppgifter/?format=json").content)
    [contact] = data["plans"]["action_contacts"]
    assert contact["action"] == "1.1 Matsvinn" and contact["contact_name"] == "Lisa Kontakt"
    [member] = data["goals"]["goal_teams"]
    assert member["goal"] == "Klimatneutralt 2030" and member["role"] == "coordinator"
    html = client.get("/konto/mina-uppgifter/").content.decode()
    assert "1.1 Matsvinn" in html and "Klimatneutralt 2030" in html


def test_erasing_the_account_blanks_name_and_email(client, person):
    client.force_login(person)
    r = client.post("/konto/mina-uppgifter/", {"password": PASSWORD})
    assert r.status_code == 302
    assert not get_user_model().objects.filter(username="lisa").exists()
    erased = Action.objects.get(identifier="1.1")
    assert erased.contact_name == "" and erased.contact_email == "" and erased.title == "Matsvinn"
    assert Action.objects.get(identifier="1.2").contact_name == "Per"
    coordinator = GoalPerson.objects.get(role="coordinator")
    assert coordinator.name == "" and coordinator.email == ""
    assert coordinator.title == "Klimatstrateg"
    assert GoalPerson.objects.get(role="member").name == "Per Annan"


def test_an_account_without_email_matches_no_one(client, karlstad, person, user_factory):
    user = user_factory(username="noemail")
    client.force_login(user)
    data = json.loads(client.get("/konto/mina-uppgifter/?format=json").content)
    assert data["plans"] == {"action_contacts": []}
    assert data["goals"] == {"goal_teams": []}
    client.post("/konto/mina-uppgifter/", {"password": PASSWORD})
    assert Action.objects.get(identifier="1.2").contact_name == "Per"
    assert GoalPerson.objects.filter(name="Per Annan").exists()
