from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionStatus, ActionUpdate
from klimatkontrakt.plans.selectors import stale_actions, status_counts, visible_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_plan(karlstad, editor):
    return plans.create_plan(
        editor,
        karlstad,
        kind="project",
        title="Projektplan Klimatneutrala Karlstad 2030",
        owner_name="Samordnare för klimatneutralitet",
        update_interval_days=30,
        work_packages=[
            ("AP1", "Styrning"),
            ("AP2", "Energi"),
            ("AP3", "Transporter"),
            ("AP4", "Konsumtion"),
        ],
    )


def _status(muni, key) -> ActionStatus:
    return ActionStatus.objects.get(municipality=muni, key=key)


def _action(editor, plan, identifier="A1", **kw) -> Action:
    return plans.create_action(
        editor, plan, plans.ActionInput(identifier=identifier, title="Laddinfrastruktur", **kw)
    )


def test_plan_gets_work_packages_and_the_default_statuses(project_plan, karlstad):
    assert [w.code for w in project_plan.work_packages.all()] == ["AP1", "AP2", "AP3", "AP4"]
    keys = list(ActionStatus.objects.filter(municipality=karlstad).values_list("key", flat=True))
    assert keys == ["not_started", "in_progress", "postponed", "done", "cancelled"]


def test_updates_are_kept_as_history_and_set_the_current_state(project_plan, editor, karlstad):
    action = _action(editor, project_plan, work_package=project_plan.work_packages.get(code="AP3"))
    assert action.status.key == "not_started" and action.progress == 0
    t0 = timezone.now()
    plans.record_update(
        editor,
        action,
        status=_status(karlstad, "in_progress"),
        progress=30,
        text="Upphandling klar",
        at=t0,
    )
    plans.record_update(
        editor,
        action,
        status=_status(karlstad, "in_progress"),
        progress=60,
        text="Tio laddplatser byggda",
        at=t0 + timedelta(days=40),
    )
    # A late entry for an earlier date joins the history without turning the clock back.
    plans.record_update(
        editor,
        action,
        status=_status(karlstad, "not_started"),
        progress=10,
        text="Efterregistrerad",
        at=t0 - timedelta(days=10),
    )

    action.refresh_from_db()
    assert (action.status.key, action.progress) == ("in_progress", 60)
    history = list(action.updates.values_list("progress", flat=True))
    assert history == [60, 30, 10]  # newest first
    assert ActionUpdate.objects.filter(action=action).count() == 3
    assert action.updates.first().author == editor


def test_updates_need_the_editor_role(project_plan, editor, viewer, outsider, karlstad):
    action = _action(editor, project_plan)
    for user in (None, viewer, outsider):
        with pytest.raises(PermissionDenied):
            plans.record_update(
                user, action, status=_status(karlstad, "done"), progress=100, text="Klart"
            )
        with pytest.raises(PermissionDenied):
            _action(user, project_plan, identifier="B1")
    assert not ActionUpdate.objects.exists()


def test_bad_updates_are_refused_with_the_field_named(
    project_plan, editor, karlstad, other_municipality
):
    action = _action(editor, project_plan)
    foreign = plans.ensure_action_statuses(other_municipality)[0]
    with pytest.raises(ValidationError) as caught:
        plans.record_update(editor, action, status=foreign, progress=101, text="  ")
    assert set(caught.value.message_dict) == {"status", "progress", "text"}
    assert not ActionUpdate.objects.exists()


def test_action_parts_must_belong_to_the_same_plan_and_municipality(
    project_plan, editor, karlstad, other_municipality, indicator_factory
):
    other_plan = plans.create_plan(
        editor,
        karlstad,
        kind="waste",
        title="Avfallsplan 2024–2027",
        owner_name="Avfallssamordnare",
        work_packages=[("U1", "Förebygga avfall")],
    )
    foreign_indicator = indicator_factory(
        municipality=other_municipality, name="x", unit="t", direction="down"
    )
    with pytest.raises(ValidationError) as caught:
        _action(
            editor,
            project_plan,
            work_package=other_plan.work_packages.get(),
            responsible_department=other_municipality.departments.first(),
            indicators=[foreign_indicator],
        )
    assert set(caught.value.message_dict) == {
        "work_package",
        "responsible_department",
        "indicators",
    }


def test_identifier_is_unique_within_a_plan(project_plan, editor):
    _action(editor, project_plan, identifier="A1")
    with pytest.raises(ValidationError):
        _action(editor, project_plan, identifier="A1")


def test_schedule_must_not_end_before_it_starts(project_plan, editor):
    with pytest.raises(ValidationError):
        _action(editor, project_plan, start_date=date(2025, 5, 1), end_date=date(2025, 1, 1))
    action = _action(editor, project_plan, start_date=date(2025, 1, 1), end_date=date(2025, 5, 1))
    action.end_date = date(2024, 1, 1)
    with pytest.raises(IntegrityError):
        action.save()  # the database refuses it too


def test_actions_not_updated_within_the_interval_are_flagged(project_plan, editor, karlstad):
    now = timezone.now()
    fresh = _action(editor, project_plan, identifier="A1")
    old = _action(editor, project_plan, identifier="A2")
    done = _action(editor, project_plan, identifier="A3")
    never = _action(editor, project_plan, identifier="A4")
    Action.objects.filter(pk__in=[old.pk, done.pk, never.pk]).update(
        created_at=now - timedelta(days=200)
    )
    plans.record_update(
        editor,
        fresh,
        status=_status(karlstad, "in_progress"),
        progress=10,
        text="Igång",
        at=now - timedelta(days=5),
    )
    plans.record_update(
        editor,
        old,
        status=_status(karlstad, "in_progress"),
        progress=10,
        text="Igång",
        at=now - timedelta(days=31),
    )
    plans.record_update(
        editor,
        done,
        status=_status(karlstad, "done"),
        progress=100,
        text="Klart",
        at=now - timedelta(days=90),
    )

    flagged = stale_actions(karlstad, now)

    assert [a.identifier for a in flagged] == ["A4", "A2"]  # oldest first; closed ones not asked


def test_status_counts_per_work_package(project_plan, editor, karlstad):
    ap1 = project_plan.work_packages.get(code="AP1")
    a = _action(editor, project_plan, identifier="A1", work_package=ap1)
    _action(editor, project_plan, identifier="A2", work_package=ap1)
    _action(editor, project_plan, identifier="A3")
    plans.record_update(editor, a, status=_status(karlstad, "done"), progress=100, text="Klart")
    counts = status_counts(project_plan)
    assert counts["AP1"] == {"done": 1, "not_started": 1}
    assert counts[""] == {"not_started": 1}


def test_unpublished_plans_are_for_members(project_plan, karlstad, viewer, outsider):
    assert list(visible_plans(None, karlstad)) == []
    assert list(visible_plans(outsider, karlstad)) == []
    assert list(visible_plans(viewer, karlstad)) == [project_plan]


def test_plan_must_not_end_before_it_starts(karlstad, editor):
    with pytest.raises(ValidationError) as caught:
        plans.create_plan(
            editor,
            karlstad,
            kind="traffic",
            title="Trafikplan",
            owner_name="Trafikplanerare",
            start_year=2030,
            end_year=2025,
        )
    assert caught.value.message_dict == {"end_year": ["Planen slutar innan den börjar."]}
