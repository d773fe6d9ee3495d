"""Demo action plans for Karlstad, summarised in the project's own words.

Source: Karlstads kommun, Klimatkontrakt 2030 (2024 version), sections 3.2.2 and 3.3.4. The
plans' structure (AP1-AP4, the energy and climate plan's action plan) follows the contract;
action titles are short paraphrases; statuses, progress and updates are examples.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionPlan, ActionStatus

EXAMPLE_NOTE = "Exempel: demodata, inte Karlstads verkliga uppföljning."

PROJECT_PLAN = "Projektplan Klimatneutrala Karlstad 2030"
ENERGY_PLAN = "Handlingsplan till Energi- och klimatplanen"

# (work package code, title)
PROJECT_PACKAGES = [
    ("AP1", "Styrning och finansiering"),
    ("AP2", "Mobilisering och samskapande"),
    ("AP3", "Innovation och tjänsteutveckling"),
    ("AP4", "Beteenden och kommunikation"),
]

# (identifier, package, title, department short name, status key, progress, days since update)
PROJECT_ACTIONS = [
    (
        "AP1.1",
        "AP1",
        "Förtydliga klimatmålet och koppla det till en uppdaterad klimatbudget",
        "KLK",
        "in_progress",
        40,
        20,
    ),
    (
        "AP1.2",
        "AP1",
        "Fördela de avsatta klimatmedlen 2022–2025 efter största klimatnytta",
        "MF",
        "in_progress",
        60,
        120,
    ),
    (
        "AP1.3",
        "AP1",
        "Bygga upp en klimatinvesteringsplan från inköpsdatan",
        "KLK",
        "in_progress",
        30,
        45,
    ),
    (
        "AP2.1",
        "AP2",
        "Fler lokala klimatkontrakt med företag och organisationer",
        "KLK",
        "in_progress",
        50,
        10,
    ),
    (
        "AP2.2",
        "AP2",
        "Driva nätverket för industriell symbios vidare",
        "KLK",
        "in_progress",
        35,
        200,
    ),
    (
        "AP2.3",
        "AP2",
        "Följa upp elevborgarrådens förslag per förvaltning",
        "BUF",
        "not_started",
        0,
        None,
    ),
    (
        "AP3.1",
        "AP3",
        "Utvecklingskontrakt via efterfrågestyrd upphandling",
        "KLK",
        "in_progress",
        25,
        60,
    ),
    (
        "AP3.2",
        "AP3",
        "Snabbladdning för tunga transporter tillsammans med näringslivet",
        "TFF",
        "in_progress",
        45,
        30,
    ),
    (
        "AP3.3",
        "AP3",
        "Samarbete med universitetet om styrning av den växande staden",
        "KLK",
        "done",
        100,
        15,
    ),
    (
        "AP4.1",
        "AP4",
        "Genomföra kommunikationsstrategin för klimatomställningen",
        "KLK",
        "in_progress",
        55,
        25,
    ),
    (
        "AP4.2",
        "AP4",
        "Utbilda förtroendevalda och medarbetare i klimatfrågor",
        "KLK",
        "in_progress",
        20,
        100,
    ),
    (
        "AP4.3",
        "AP4",
        "Återkommande aktiviteter för hållbar konsumtion och second hand",
        "MF",
        "in_progress",
        70,
        5,
    ),
]

ENERGY_ACTIONS = [
    (
        "EK1",
        None,
        "Ta fram underlag för vad klimatneutralitet och fossilfrihet 2030 innebär",
        "KLK",
        "in_progress",
        50,
        40,
    ),
    (
        "EK2",
        None,
        "Samordna åtgärderna i en arbetsgrupp med de berörda verksamheterna",
        "MF",
        "in_progress",
        30,
        150,
    ),
    (
        "EK3",
        None,
        "Planera för laddinfrastruktur och förnybara drivmedel",
        "SBF",
        "not_started",
        0,
        None,
    ),
    (
        "EK4",
        None,
        "Säkra en robust och förnybar energiförsörjning för en växande stad",
        "KEAB",
        "in_progress",
        35,
        70,
    ),
]


def _status(muni: Municipality, key: str) -> ActionStatus:
    return ActionStatus.objects.get(municipality=muni, key=key)


def _plan(muni: Municipality, **kw: object) -> ActionPlan:
    existing = ActionPlan.objects.filter(municipality=muni, title=kw["title"]).first()
    return existing or plans.create_plan(SYSTEM, muni, **kw)  # type: ignore[arg-type]


def _actions(plan: ActionPlan, rows: list[tuple]) -> list[Action]:  # type: ignore[type-arg]
    muni = plan.municipality
    now = timezone.now()
    out = []
    for identifier, wp_code, title, dept, status_key, progress, days in rows:
        action = plan.actions.filter(identifier=identifier).first()
        if action is None:
            action = plans.create_action(
                SYSTEM,
                plan,
                plans.ActionInput(
                    identifier=identifier,
                    title=title,
                    description=EXAMPLE_NOTE,
                    work_package=plan.work_packages.filter(code=wp_code).first(),
                    responsible_department=Department.objects.filter(
                        municipality=muni, short_name=dept
                    ).first(),
                    contact_name="Exempel Kontaktperson",
                    contact_email="kontakt@example.org",
                ),
            )
            # Backdated so the demo shows both fresh and overdue actions.
            Action.objects.filter(pk=action.pk).update(created_at=now - timedelta(days=240))
            if days is not None:
                plans.record_update(
                    SYSTEM,
                    action,
                    status=_status(muni, status_key),
                    progress=progress,
                    text=f"Exempel på statusuppdatering ({progress} %).",
                    at=now - timedelta(days=days),
                )
        out.append(action)
    return out


@transaction.atomic
def load_demo_plans(code: str = KARLSTAD) -> list[ActionPlan]:
    """Karlstad's project plan (AP1-AP4) and the energy and climate plan's action plan."""
    muni = Municipality.objects.get(code=code)
    project = _plan(
        muni,
        kind=ActionPlan.Kind.PROJECT,
        title=PROJECT_PLAN,
        owner_name="Övergripande projektledare, kommunledningskontoret",
        update_interval_days=90,
        start_year=2023,
        end_year=2030,
        work_packages=PROJECT_PACKAGES,
        is_published=True,
    )
    energy = _plan(
        muni,
        kind=ActionPlan.Kind.ENERGY_CLIMATE,
        title=ENERGY_PLAN,
        owner_name="Centralt ansvarig för Energi- och klimatplanen",
        update_interval_days=120,
        start_year=2023,
        is_published=True,
    )
    _actions(project, PROJECT_ACTIONS)
    _actions(energy, ENERGY_ACTIONS)
    return [project, energy]


def load(stdout: Any) -> None:
    plans = load_demo_plans(KARLSTAD)
    actions = sum(p.actions.count() for p in plans)
    stdout.write(
        f"Action plans for Karlstad: {len(plans)} with {actions} actions "
        "(statuses and updates are examples)"
    )
