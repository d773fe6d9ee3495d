"""axe-core on the goal-team pages, the delete confirmations and the training forms."""

from datetime import date

import pytest

from klimatkontrakt.goals import services as teams
from klimatkontrakt.plans.demo import load_demo_plans
from klimatkontrakt.training.services import record_training
from tests.a11y import assert_accessible, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def goal_with_team(karlstad, admin_user, goal_factory):
    goal = goal_factory(
        municipality=karlstad, name="Klimatneutrala Karlstad 2030", gas="GGT",
        scope="territorial", target_year=2030, level_t=None, share_of_base=0.2, base_year=1990,
        is_published=True,
    )  # fmt: skip
    dept = karlstad.departments.first()
    teams.add_person(admin_user, goal, teams.PersonInput(
        "coordinator", "Exempel: Klimatstrateg", "Klimatstrateg", dept, email="k@example.org",
    ))  # fmt: skip
    person = teams.add_person(admin_user, goal, teams.PersonInput(
        "member", "Exempel: Trafikplanerare", "Trafikplanerare", organisation="Exempelbolaget AB",
    ))  # fmt: skip
    teams.set_team_published(admin_user, goal, True)
    return goal, person


def test_goal_pages(browser, live_server, client, admin_user, goal_with_team):
    goal, person = goal_with_team
    base = f"/kommun/1780/mal/{goal.pk}/"
    for path in ["/kommun/1780/mal/", base]:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, language=language)
    client.force_login(admin_user)
    cookies = session_cookie(client, live_server.url)
    for path in [
        "/kommun/1780/mal/",
        base,
        base + "personer/ny/",
        base + f"personer/{person.pk}/",
        base + f"personer/{person.pk}/ta-bort/",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_delete_confirmations_and_training_forms(
    browser, live_server, client, karlstad, admin_user, department_factory
):
    project, _ = load_demo_plans()
    action = project.actions.order_by("identifier").first()
    ks = department_factory(
        municipality=karlstad, name="Kommunstyrelsen", short_name="KS", kind="namnd"
    )
    body = record_training(
        admin_user, karlstad, held_on=date(2024, 2, 1), concept="Klimatkunskap",
        audience="body", department=ks, participants=12,
    )  # fmt: skip
    record_training(
        admin_user, karlstad, held_on=date(2024, 3, 1), concept="Klimatsmart resande",
        audience="staff", participants=30, note="Internt",
    )  # fmt: skip
    for language in (None, "en-GB"):
        assert_accessible(
            browser, live_server.url + "/kommun/1780/utbildningar/", language=language
        )
    client.force_login(admin_user)
    cookies = session_cookie(client, live_server.url)
    for path in [
        f"/kommun/1780/handlingsplaner/{project.pk}/{action.pk}/ta-bort/",
        "/kommun/1780/utbildningar/",
        f"/kommun/1780/utbildningar/{body.pk}/redigera/",
        f"/kommun/1780/utbildningar/{body.pk}/ta-bort/",
        "/konto/mina-uppgifter/",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)
