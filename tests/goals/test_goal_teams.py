"""Each politically decided goal has a coordinator and a team, shown with the goal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from klimatkontrakt.goals import services as teams
from klimatkontrakt.goals.models import GoalPerson

pytestmark = pytest.mark.django_db

EMAIL = "anna.strateg@karlstad.se"


@pytest.fixture
def goal(karlstad, goal_factory):
    return goal_factory(
        municipality=karlstad, name="Fossilfri organisation 2026", gas="GGT",
        scope="organisation", target_year=2026, level_t=None, share_of_base=0.0, base_year=2019,
        is_published=True,
    )  # fmt: skip


@pytest.fixture
def klk(karlstad, department_factory):
    return department_factory(
        municipality=karlstad, name="Kommunledningskontoret", short_name="KLK", kind="forvaltning"
    )


@pytest.fixture
def team(editor, goal, klk):
    coordinator = teams.add_person(
        editor, goal, teams.PersonInput("coordinator", "Anna Strateg", "Klimatstrateg", klk,
                                        email=EMAIL),
    )  # fmt: skip
    member = teams.add_person(
        editor, goal, teams.PersonInput("member", "Bo Bolag", "Energichef",
                                        organisation="Värmlandstrafik AB"),
    )  # fmt: skip
    return coordinator, member


def test_one_coordinator_per_goal(editor, goal, team):
    with pytest.raises(ValidationError) as err:
        teams.add_person(editor, goal, teams.PersonInput("coordinator", "Cecilia", "Strateg"))
    assert "role" in err.value.message_dict
    assert GoalPerson.objects.filter(role="coordinator").count() == 1


def test_department_of_another_municipality_is_refused(
    editor, goal, other_municipality, department_factory
):
    foreign = department_factory(
        municipality=other_municipality, name="Stadsledningskontoret", short_name="SLK",
        kind="forvaltning",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        teams.add_person(editor, goal, teams.PersonInput("member", "Dan", "Strateg", foreign))
    assert not GoalPerson.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_writes_need_the_editor_role(request, who, goal, team):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        teams.add_person(user, goal, teams.PersonInput("member", "Eva", "Strateg"))
    with pytest.raises(PermissionDenied):
        teams.set_team_published(user, goal, True)
    with pytest.raises(PermissionDenied):
        teams.remove_person(user, team[1])
    assert GoalPerson.objects.count() == 2


def test_goal_page_shows_team_to_members_with_email(client, viewer, goal, team):
    client.force_login(viewer)
    html = client.get(f"/kommun/1780/mal/{goal.pk}/").content.decode()
    assert "Anna Strateg" in html and "Klimatstrateg" in html and "Kommunledningskontoret" in html
    assert "Bo Bolag" in html and "Värmlandstrafik AB" in html
    assert EMAIL in html


def test_public_sees_an_unpublished_team_not_at_all(client, goal, team):
    html = client.get(f"/kommun/1780/mal/{goal.pk}/").content.decode()
    assert goal.name in html
    assert "Anna Strateg" not in html and "Bo Bolag" not in html


def test_public_sees_a_published_team_without_email(client, editor, goal, team):
    teams.set_team_published(editor, goal, True)
    for url in ["/kommun/1780/mal/", f"/kommun/1780/mal/{goal.pk}/"]:
        html = client.get(url).content.decode()
        assert "Anna Strateg" in html
        assert EMAIL not in html
    data = client.get(f"/api/goals/{goal.pk}/", {"municipality": "1780"}).json()
    assert data["team"]["coordinator"]["name"] == "Anna Strateg"
    assert "email" not in data["team"]["coordinator"] or not data["team"]["coordinator"]["email"]
    assert EMAIL not in str(data)


def test_unpublished_goal_is_hidden(client, karlstad, editor, goal_factory):
    draft = goal_factory(
        municipality=karlstad, name="Utkast till mål", target_year=2030, scope="territorial",
        level_t=1000.0,
    )  # fmt: skip
    assert client.get(f"/kommun/1780/mal/{draft.pk}/").status_code == 404
    assert "Utkast till mål" not in client.get("/kommun/1780/mal/").content.decode()
    client.force_login(editor)
    assert client.get(f"/kommun/1780/mal/{draft.pk}/").status_code == 200


def test_editor_adds_edits_publishes_and_removes_through_pages(editor_client, goal, klk):
    anonymous = Client()
    base = f"/kommun/1780/mal/{goal.pk}/"
    r = editor_client.post(base + "personer/ny/", {
        "role": "coordinator", "name": "Frida Samordnare", "title": "Klimatsamordnare",
        "department": klk.pk, "email": "frida@karlstad.se",
    })  # fmt: skip
    assert r.status_code == 302
    person = GoalPerson.objects.get()
    r = editor_client.post(base + f"personer/{person.pk}/", {
        "role": "coordinator", "name": "Frida Samordnare", "title": "Klimatstrateg",
        "department": klk.pk,
    })  # fmt: skip
    person.refresh_from_db()
    assert r.status_code == 302 and person.title == "Klimatstrateg" and person.email == ""
    refused = editor_client.post(base + "personer/ny/", {"role": "member", "name": "", "title": ""})
    assert refused.status_code == 200 and GoalPerson.objects.count() == 1
    assert "Frida" not in anonymous.get(base).content.decode()
    editor_client.post(base + "publicera/", {"publish": "1"})
    assert "Frida Samordnare" in anonymous.get(base).content.decode()
    confirm = editor_client.get(base + f"personer/{person.pk}/ta-bort/")
    assert confirm.status_code == 200 and GoalPerson.objects.exists()
    assert editor_client.post(base + f"personer/{person.pk}/ta-bort/").status_code == 302
    assert not GoalPerson.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "viewer"])
def test_pages_refuse_writes_to_others(request, client, who, goal, team):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    base = f"/kommun/1780/mal/{goal.pk}/"
    person = team[1]
    client.post(base + "personer/ny/", {"role": "member", "name": "Intrång", "title": "X"})
    client.post(
        base + f"personer/{person.pk}/", {"role": "member", "name": "Intrång", "title": "X"}
    )
    client.post(base + f"personer/{person.pk}/ta-bort/")
    client.post(base + "publicera/", {"publish": "1"})
    assert sorted(GoalPerson.objects.values_list("name", flat=True)) == ["Anna Strateg", "Bo Bolag"]
    assert not goal.team.is_published


def test_api_writes_need_an_editor(client, viewer, editor, goal, klk):
    url = f"/api/goals/{goal.pk}/people?municipality=1780"
    body = {"role": "coordinator", "name": "Gun", "title": "Klimatstrateg", "department_id": klk.pk,
            "email": "gun@karlstad.se"}  # fmt: skip
    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(viewer)
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.force_login(editor)
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 201 and r.json()["email"] == "gun@karlstad.se"
    pid = r.json()["id"]
    r = client.patch(
        f"/api/goals/{goal.pk}/people/{pid}?municipality=1780", {"title": "Miljöstrateg"},
        content_type="application/json",
    )  # fmt: skip
    assert (
        r.status_code == 200 and r.json()["title"] == "Miljöstrateg" and r.json()["name"] == "Gun"
    )
    r = client.put(
        f"/api/goals/{goal.pk}/team?municipality=1780", {"is_published": True},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 200 and r.json()["team"]["is_published"]
    member_view = client.get("/api/goals/", {"municipality": "1780"}).json()[0]
    assert member_view["team"]["coordinator"]["email"] == "gun@karlstad.se"
    client.force_login(viewer)
    assert client.delete(f"/api/goals/{goal.pk}/people/{pid}?municipality=1780").status_code == 403
    client.force_login(editor)
    assert client.delete(f"/api/goals/{goal.pk}/people/{pid}?municipality=1780").status_code == 204
    assert not GoalPerson.objects.exists()
