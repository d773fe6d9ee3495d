"""The sharing level of a city's items: private → shared with the programme office and the
agencies → public, read through each app's own selectors and set by the city's editors."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from klimatkontrakt.audit.context import acting_as
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.contracts import selectors as contracts
from klimatkontrakt.contracts import services as contract_services
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.emissions import services as emission_services
from klimatkontrakt.emissions.models import CarbonBudget
from klimatkontrakt.footprint import selectors as footprint
from klimatkontrakt.footprint import services as footprint_services
from klimatkontrakt.goals import selectors as goals
from klimatkontrakt.goals import services as goal_services
from klimatkontrakt.indicators import selectors as indicators
from klimatkontrakt.investments import selectors as investments
from klimatkontrakt.organisations.access import REPORT, SYSTEM, can_view_item
from klimatkontrakt.organisations.services import grant_role
from klimatkontrakt.organisations.sharing import SharingRefused, set_visibility, visibility_of
from klimatkontrakt.plans import selectors as plans
from klimatkontrakt.plans.services import create_plan
from klimatkontrakt.reports import selectors as reports
from klimatkontrakt.reports import services as report_services
from tests.organisations.factories import OrganisationFactory
from tests.sources.ledger_files import write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(user_factory):  # type: ignore[no-untyped-def]
    """A viewer in Viable Cities' programme office and one in an agency."""
    out = {}
    for kind in ("programme", "agency"):
        user = user_factory(username=f"{kind}-staff")
        grant_role(user, OrganisationFactory(kind=kind, slug=kind, name=kind), "viewer")
        out[kind] = user
    return out


def _make(kind: str, f: dict[str, Any]) -> Any:
    """One private item of the kind in Karlstad."""
    muni, editor = f["karlstad"], f["editor"]
    if kind == "contract_version":
        return f["contract_version_factory"](municipality=muni, year=2024)
    if kind == "action_plan":
        return create_plan(editor, muni, kind="waste", title="Avfallsplan", owner_name="Klimat")
    if kind == "indicator":
        return f["indicator_factory"](municipality=muni, is_published=False)
    if kind == "investment_plan":
        return f["investment_plan_factory"](municipality=muni, is_published=False)
    if kind == "emission_goal":
        return emission_services.save_goal(editor, muni, name="Mål", target_year=2030, level_t=1)
    if kind == "carbon_budget":
        return emission_services.save_carbon_budget(
            editor, muni, name="Budget", method="fixed", parameters={"budget_t": 1000.0}
        )
    if kind == "goal_team":
        goal = f["goal_factory"](municipality=muni, is_published=True)
        return goal_services.team_of(goal)
    if kind == "ledger":
        path = write_csv(f["tmp_path"] / "l.csv")
        return footprint_services.import_ledger(editor, muni, [("l.csv", path)]).ledger
    if kind == "follow_up_report":
        return report_services.create_draft(editor, muni, 2024)
    raise AssertionError(kind)


def _sees(kind: str, reader: Any, muni: Any, item: Any) -> bool:
    """Whether the app's own selector gives this reader the item."""
    pk = item.pk
    if kind == "contract_version":
        return contracts.visible_versions(reader, muni).filter(pk=pk).exists()
    if kind == "action_plan":
        return plans.visible_plans(reader, muni).filter(pk=pk).exists()
    if kind == "indicator":
        return indicators.visible_indicators(reader, muni).filter(pk=pk).exists()
    if kind == "investment_plan":
        return investments.visible_plans(reader, muni).filter(pk=pk).exists()
    if kind == "emission_goal":
        return emissions.goals(reader, muni).filter(pk=pk).exists()
    if kind == "carbon_budget":
        return emissions.visible(reader, muni, CarbonBudget.objects.all()).filter(pk=pk).exists()
    if kind == "goal_team":
        return goals.team_view(reader, item.goal) is not None
    if kind == "ledger":
        return footprint.visible_ledgers(reader, muni).filter(pk=pk).exists()
    if kind == "follow_up_report":
        return reports.visible_reports(reader, muni).filter(pk=pk).exists()
    raise AssertionError(kind)


KINDS = [
    "contract_version",
    "action_plan",
    "indicator",
    "investment_plan",
    "emission_goal",
    "carbon_budget",
    "goal_team",
    "ledger",
    "follow_up_report",
]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_private_shared_public(
    kind,
    staff,
    karlstad,
    editor,
    viewer,
    outsider,
    tmp_path,
    contract_version_factory,
    indicator_factory,
    investment_plan_factory,
    goal_factory,
):  # type: ignore[no-untyped-def]
    f = locals()
    item = _make(kind, f)
    if kind == "follow_up_report":  # only an approved report is made public
        report_services.approve(editor, item)
    anonymous = Client().get("/").wsgi_request.user
    readers = {"programme": staff["programme"], "agency": staff["agency"]}
    outside = {"anonymous": anonymous, "outsider": outsider, "report": REPORT}

    assert visibility_of(item, "published" if kind == "ledger" else "is_published") == "private"
    assert _sees(kind, viewer, karlstad, item)
    for name, reader in {**readers, **outside}.items():
        assert not _sees(kind, reader, karlstad, item), f"private {kind} seen by {name}"

    item = set_visibility(editor, karlstad, kind, item.pk, "shared")
    for name, reader in readers.items():
        assert _sees(kind, reader, karlstad, item), f"shared {kind} hidden from {name}"
    for name, reader in outside.items():
        assert not _sees(kind, reader, karlstad, item), f"shared {kind} seen by {name}"

    item = set_visibility(editor, karlstad, kind, item.pk, "public")
    for name, reader in {**readers, **outside}.items():
        assert _sees(kind, reader, karlstad, item), f"public {kind} hidden from {name}"
    assert not item.shared_with_programme  # unpublishing makes it private again

    item = set_visibility(editor, karlstad, kind, item.pk, "private")
    assert not _sees(kind, staff["programme"], karlstad, item)


def test_only_the_citys_editors_set_it(karlstad, editor, viewer, outsider, staff):  # type: ignore[no-untyped-def]
    plan = create_plan(editor, karlstad, kind="waste", title="Plan", owner_name="Klimat")
    for user in (viewer, outsider, staff["programme"], staff["agency"]):
        with pytest.raises(PermissionDenied):
            set_visibility(user, karlstad, "action_plan", plan.pk, "shared")
    with pytest.raises(ValidationError):
        set_visibility(editor, karlstad, "action_plan", plan.pk, "everyone")
    plan.refresh_from_db()
    assert not plan.shared_with_programme and not plan.is_published


def test_the_apps_own_rules_hold(karlstad, editor, contract_version_factory):  # type: ignore[no-untyped-def]
    draft = report_services.create_draft(editor, karlstad, 2024)
    with pytest.raises(SharingRefused):
        set_visibility(editor, karlstad, "follow_up_report", draft.pk, "public")
    shared = set_visibility(editor, karlstad, "follow_up_report", draft.pk, "shared")
    assert shared.shared_with_programme and not shared.is_published
    report_services.approve(editor, shared)
    public = set_visibility(editor, karlstad, "follow_up_report", draft.pk, "public")
    assert public.is_published and public.published_at is not None

    signed = contract_version_factory(municipality=karlstad, year=2023)
    with acting_as(SYSTEM):
        contract_services.sign_version(SYSTEM, signed)
    with pytest.raises(SharingRefused):
        set_visibility(editor, karlstad, "contract_version", signed.pk, "private")


def test_can_view_item_and_report_reader(karlstad, editor, staff, outsider):  # type: ignore[no-untyped-def]
    plan = create_plan(editor, karlstad, kind="waste", title="Plan", owner_name="Klimat")
    assert can_view_item(editor, karlstad, plan)
    assert not can_view_item(staff["agency"], karlstad, plan)
    plan.include_in_report = True
    assert can_view_item(REPORT, karlstad, plan)  # the draft report reads what is marked
    assert not can_view_item(staff["agency"], karlstad, plan)
    plan.shared_with_programme = True
    assert can_view_item(staff["agency"], karlstad, plan)
    assert not can_view_item(outsider, karlstad, plan)


def test_the_page_form_and_the_api_set_it_and_the_change_is_logged(editor_client, karlstad, editor):  # type: ignore[no-untyped-def]
    plan = create_plan(editor, karlstad, kind="waste", title="Plan", owner_name="Klimat")
    page = editor_client.get(f"/kommun/1780/handlingsplaner/{plan.pk}/").content.decode()
    assert "Synlighet" in page and "Delad med programkontoret och myndigheterna" in page
    r = editor_client.post(
        f"/kommun/1780/synlighet/action_plan/{plan.pk}/",
        {"visibility": "shared", "next": f"/kommun/1780/handlingsplaner/{plan.pk}/"},
    )
    assert r.status_code == 302 and r["Location"] == f"/kommun/1780/handlingsplaner/{plan.pk}/"
    plan.refresh_from_db()
    assert plan.shared_with_programme and not plan.is_published
    entry = ChangeLogEntry.objects.filter(object_id=str(plan.pk), action="updated").latest("at")
    assert entry.after.get("shared_with_programme") is True
    assert entry.actor == editor.pk

    # An outside address to go back to is not followed.
    r = editor_client.post(
        f"/kommun/1780/synlighet/action_plan/{plan.pk}/",
        {"visibility": "private", "next": "https://example.org/"},
    )
    assert r["Location"] == "/kommun/1780/"

    url = f"/api/organisations/municipalities/1780/visibility/action_plan/{plan.pk}"
    r = editor_client.put(url, {"visibility": "public"}, content_type="application/json")
    assert r.status_code == 200, r.content
    assert r.json() == {
        "kind": "action_plan",
        "id": plan.pk,
        "visibility": "public",
        "is_published": True,
        "shared_with_programme": False,
    }
    bad = editor_client.put(url, {"visibility": "alla"}, content_type="application/json")
    assert bad.status_code == 422
    unknown = url.replace("action_plan", "nothing")
    assert (
        editor_client.put(
            unknown, {"visibility": "public"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_the_emission_goal_form_takes_the_visibility(editor_client, karlstad):  # type: ignore[no-untyped-def]
    from klimatkontrakt.emissions.forms import GoalForm

    form = GoalForm(
        {
            "name": "Mål",
            "gas": "GGT",
            "scope": "territorial",
            "target_year": 2030,
            "level_t": 100,
            "visibility": "shared",
        }
    )
    assert form.is_valid(), form.errors
    assert form.to_goal()["shared_with_programme"] is True
    assert form.to_goal()["is_published"] is False
