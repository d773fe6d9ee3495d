"""The open dataset of action plans and actions: published plans only, no person in any row."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from klimatkontrakt.contracts import services as contract_services
from klimatkontrakt.opendata.datasets.plans import DATASET
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Department
from klimatkontrakt.organisations.sharing import set_visibility
from klimatkontrakt.plans.models import WorkPackage
from klimatkontrakt.plans.selectors import plan_overview
from tests.opendata.field_checks import check_rows
from tests.opendata.primary_keys import assert_unique_keys

pytestmark = pytest.mark.django_db

PERSONS = ("Karin Karlsson", "Per Persson", "Anna Andersson")


@pytest.fixture
def plan(action_plan_factory, action_factory, action_status_factory, karlstad):
    plan = action_plan_factory(
        municipality=karlstad,
        title="Energi- och klimatplan",
        owner_name="Karin Karlsson",
        start_year=2024,
        end_year=2030,
        is_published=True,
    )
    package = WorkPackage.objects.create(plan=plan, code="AP1", title="Energi", order=1)
    done = action_status_factory(
        municipality=karlstad, key="done", name_sv="Klar", name_en="Done", is_closed=True
    )
    tff = Department.objects.get(municipality=karlstad, short_name="TFF")
    action_factory(
        plan=plan,
        identifier="1.1",
        title="Solceller på skolor",
        work_package=package,
        responsible_department=tff,
        contact_name="Per Persson",
        contact_email="per.persson@karlstad.se",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        progress=40,
        created_at=timezone.now() - timedelta(days=400),
    )
    action_factory(plan=plan, identifier="1.2", title="Laddplatser", status=done, progress=100)
    return plan


def test_a_published_plan_gives_one_row_per_action_in_the_pages_order(plan, karlstad):
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=PERSONS)
    page = [r.action.identifier for g in plan_overview(plan).groups for r in g.rows]
    assert [r["action_identifier"] for r in rows] == page == ["1.1", "1.2"]
    solar, charging = rows
    assert (solar["plan_title"], solar["plan_kind"], solar["plan_start_year"]) == (
        "Energi- och klimatplan",
        "energy_climate",
        2024,
    )
    assert (solar["work_package_code"], solar["work_package_title"]) == ("AP1", "Energi")
    assert solar["responsible_department"] == "Teknik- och fastighetsförvaltningen"
    assert solar["responsible_department_kind"] == "forvaltning"
    assert (solar["start_date"], solar["end_date"]) == (
        datetime.date(2024, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert (solar["status"], solar["closed"], solar["progress"]) == ("ongoing", False, 40)
    assert solar["update_overdue"] and not charging["update_overdue"]
    assert solar["last_update_date"] is None
    assert (charging["status"], charging["status_label_sv"], charging["closed"]) == (
        "done",
        "Klar",
        True,
    )
    assert charging["work_package_code"] == "" and charging["responsible_department"] is None


def test_links_show_only_what_the_public_sees(
    plan, karlstad, contract_version_factory, indicator_factory
):
    signed = contract_version_factory(municipality=karlstad, year=2023, commitments=1)
    contract_services.sign_version(SYSTEM, signed)
    draft = contract_services.start_next_version(SYSTEM, signed)
    carried = draft.commitments.get()
    public_indicator = indicator_factory(municipality=karlstad, is_published=True)
    draft_indicator = indicator_factory(municipality=karlstad)
    action = plan.actions.get(identifier="1.1")
    action.commitments.add(carried)
    action.indicators.add(public_indicator, draft_indicator)
    solar = next(r for r in DATASET.rows(karlstad) if r["action_identifier"] == "1.1")
    # The link follows the lineage to the latest published version: the signed 2023 one.
    assert solar["linked_commitment_ids"] == str(signed.commitments.get().lineage)
    assert solar["linked_indicator_ids"] == str(public_indicator.pk)
    check_rows(DATASET, list(DATASET.rows(karlstad)), forbidden=PERSONS)


def test_drafts_shared_plans_and_other_municipalities_stay_out(
    plan, action_plan_factory, action_factory, karlstad, other_municipality
):
    action_factory(plan=action_plan_factory(municipality=karlstad, title="Utkast"), title="Dold")
    shared = action_plan_factory(municipality=karlstad, title="Delad")
    action_factory(plan=shared, title="Delad åtgärd")
    set_visibility(SYSTEM, karlstad, "action_plan", shared.pk, "shared")
    theirs = action_plan_factory(municipality=other_municipality, title="Trafikplan")
    theirs.is_published = True
    theirs.save()
    action_factory(plan=theirs, title="Busskörfält")
    rows = list(DATASET.rows(karlstad))
    assert {r["plan_title"] for r in rows} == {"Energi- och klimatplan"}
    everyone = list(DATASET.rows(None))
    check_rows(DATASET, everyone, forbidden=PERSONS)
    assert_unique_keys(DATASET, everyone)
    assert [(r["municipality_code"], r["action_title"]) for r in everyone] == [
        ("0180", "Busskörfält"),
        ("1780", "Solceller på skolor"),
        ("1780", "Laddplatser"),
    ]
    assert {r["municipality_code"] for r in DATASET.rows(other_municipality)} == {"0180"}
