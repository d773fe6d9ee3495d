from datetime import timedelta

import pytest
from django.utils import timezone

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionPlan, ActionStatus, ActionUpdate

pytestmark = pytest.mark.django_db

BASE = "/kommun/1780/handlingsplaner/"


@pytest.fixture
def plan(karlstad, editor):
    return plans.create_plan(
        editor,
        karlstad,
        kind="waste",
        title="Avfallsplan 2024–2027",
        owner_name="Avfallssamordnare",
        update_interval_days=30,
        start_year=2024,
        end_year=2027,
        work_packages=[("U1", "Förebygga avfall"), ("U2", "Öka återbruket")],
        is_published=True,
    )


@pytest.fixture
def action(plan, editor):
    return plans.create_action(
        editor,
        plan,
        plans.ActionInput(
            identifier="U1.3",
            title="Minska matsvinnet i skolköken",
            work_package=plan.work_packages.get(code="U1"),
        ),
    )


def test_plan_list_shows_kind_owner_interval_and_overdue(client, plan, action):
    Action.objects.filter(pk=action.pk).update(created_at=timezone.now() - timedelta(days=40))
    html = client.get(BASE).content.decode()
    assert "Avfallsplan 2024–2027" in html
    assert "Avfallssamordnare" in html
    assert "30 dagar" in html
    assert '<td class="num">1</td>' in html  # one action, and it is overdue


def test_plan_detail_groups_actions_by_package_and_flags_overdue(client, plan, action, editor):
    fresh = plans.create_action(
        editor,
        plan,
        plans.ActionInput(
            identifier="U2.1",
            title="Återbruksgalleria",
            work_package=plan.work_packages.get(code="U2"),
        ),
    )
    Action.objects.filter(pk=action.pk).update(created_at=timezone.now() - timedelta(days=40))
    html = client.get(f"{BASE}{plan.pk}/").content.decode()
    u1, u2 = html.index("U1 Förebygga avfall"), html.index("U2 Öka återbruket")
    assert u1 < html.index("Minska matsvinnet") < u2 < html.index(fresh.title)
    assert html.count("Uppdatering försenad") == 1


def test_unpublished_plan_is_visible_only_to_members(client, plan, viewer, outsider):
    ActionPlan.objects.filter(pk=plan.pk).update(is_published=False)
    assert client.get(f"{BASE}{plan.pk}/").status_code == 404
    assert "Avfallsplan" not in client.get(BASE).content.decode()
    client.force_login(outsider)
    assert client.get(f"{BASE}{plan.pk}/").status_code == 404
    client.force_login(viewer)
    assert client.get(f"{BASE}{plan.pk}/").status_code == 200


def test_action_page_shows_the_dated_history(client, action, editor, karlstad):
    pagar = ActionStatus.objects.get(municipality=karlstad, key="in_progress")
    t = timezone.now()
    plans.record_update(
        editor,
        action,
        status=pagar,
        progress=20,
        text="Kartläggning klar",
        at=t - timedelta(days=10),
    )
    plans.record_update(
        editor, action, status=pagar, progress=45, text="Nya rutiner i tre kök", at=t
    )
    html = client.get(f"{BASE}{action.plan_id}/{action.pk}/").content.decode()
    assert html.index("Nya rutiner i tre kök") < html.index("Kartläggning klar")
    assert "45 %" in html and "Pågår" in html


def test_editor_adds_and_edits_an_action(editor_client, plan):
    r = editor_client.post(
        f"{BASE}{plan.pk}/ny/",
        {
            "identifier": "U2.4",
            "title": "Reparationscafé",
            "work_package": plan.work_packages.get(code="U2").pk,
        },
    )
    action = Action.objects.get(plan=plan, identifier="U2.4")
    assert r.status_code == 302 and r["Location"].endswith(f"/{action.pk}/")
    r = editor_client.post(
        f"{BASE}{plan.pk}/{action.pk}/redigera/",
        {"identifier": "U2.4", "title": "Reparationscafé i biblioteken", "contact_email": "a@b.se"},
    )
    action.refresh_from_db()
    assert action.title == "Reparationscafé i biblioteken" and action.work_package is None


def test_duplicate_identifier_is_refused_with_a_message(editor_client, plan, action):
    r = editor_client.post(f"{BASE}{plan.pk}/ny/", {"identifier": "U1.3", "title": "Dubblett"})
    assert r.status_code == 200
    assert "error-summary" in r.content.decode()
    assert Action.objects.filter(plan=plan).count() == 1


def test_editor_posts_a_status_update(editor_client, action, karlstad):
    done = ActionStatus.objects.get(municipality=karlstad, key="done")
    url = f"{BASE}{action.plan_id}/{action.pk}/uppdatera/"
    r = editor_client.post(url, {"status": done.pk, "progress": 100, "text": "Klart i alla kök"})
    assert r.status_code == 302
    action.refresh_from_db()
    assert action.status == done and action.progress == 100
    assert ActionUpdate.objects.get(action=action).text == "Klart i alla kök"


def test_update_without_text_is_refused(editor_client, action, karlstad):
    st = ActionStatus.objects.get(municipality=karlstad, key="in_progress")
    url = f"{BASE}{action.plan_id}/{action.pk}/uppdatera/"
    r = editor_client.post(url, {"status": st.pk, "progress": 150, "text": ""})
    assert r.status_code == 200 and not ActionUpdate.objects.filter(action=action).exists()


@pytest.mark.parametrize("who", ["anonymous", "viewer", "outsider"])
def test_writes_need_the_editor_role(client, action, karlstad, viewer, outsider, who):
    if who != "anonymous":
        client.force_login(viewer if who == "viewer" else outsider)
    st = ActionStatus.objects.get(municipality=karlstad, key="done")
    base = f"{BASE}{action.plan_id}/"
    posts = [
        (f"{base}ny/", {"identifier": "X", "title": "X"}),
        (f"{base}{action.pk}/redigera/", {"identifier": "X", "title": "X"}),
        (f"{base}{action.pk}/uppdatera/", {"status": st.pk, "progress": 1, "text": "x"}),
    ]
    for url, data in posts:
        r = client.post(url, data)
        assert r.status_code in (302, 403, 404), url
        if r.status_code == 302:
            assert "/konto/logga-in/" in r["Location"]
    assert Action.objects.count() == 1 and not ActionUpdate.objects.exists()


def test_module_is_in_the_municipality_navigation(client, karlstad):
    html = client.get("/kommun/1780/").content.decode()
    assert f'href="{BASE}"' in html
