"""The mark "Delad, ej publicerad" wherever a reader from the programme office or an agency sees
an item, or a figure counting an item, that the city shared with them but has not published:
the municipality's start page (its summary, its contract versions and its list of parts) and the
modules' list pages. The public never sees the item nor the mark; the city's members see the mark
beside the item on the lists (as on the item's own page), not on figures that also count their
drafts. The page cache keeps the three kinds of reader apart."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from klimatkontrakt.organisations.services import grant_role
from klimatkontrakt.organisations.sharing import set_visibility
from klimatkontrakt.reports import services as report_services
from tests.indicators.factories import IndicatorFactory
from tests.organisations.factories import OrganisationFactory
from tests.plans.factories import ActionFactory, ActionPlanFactory

pytestmark = pytest.mark.django_db

MARK = "Delad, ej publicerad"
MARK_EN = "Shared, not published"
NOT_PUBLISHED = "Inte publicerad"


@pytest.fixture
def programme(user_factory):  # type: ignore[no-untyped-def]
    user = user_factory(username="vc-staff")
    grant_role(user, OrganisationFactory(kind="programme", slug="vc", name="VC"), "viewer")
    return user


@pytest.fixture
def agency(user_factory):  # type: ignore[no-untyped-def]
    user = user_factory(username="agency-staff")
    grant_role(user, OrganisationFactory(kind="agency", slug="formas", name="Formas"), "viewer")
    return user


def _client(user: Any = None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _page(user: Any, url: str) -> str:
    r = _client(user).get(url)
    assert r.status_code == 200, url
    return r.content.decode()


def _shared_indicator(karlstad: Any, editor: Any, name: str = "Delad indikator") -> Any:
    indicator = IndicatorFactory(municipality=karlstad, name=name, is_published=False)
    return set_visibility(editor, karlstad, "indicator", indicator.pk, "shared")


def _items(kind: str, karlstad: Any, editor: Any, investment_plan_factory: Any) -> tuple[str, str]:
    """A shared item and a private one of the kind in Karlstad; their names on the list page."""
    if kind == "indicator":
        _shared_indicator(karlstad, editor, "Delad indikator")
        IndicatorFactory(municipality=karlstad, name="Privat indikator", is_published=False)
        return "Delad indikator", "Privat indikator"
    if kind == "action_plan":
        plan = ActionPlanFactory(municipality=karlstad, title="Delad plan", is_published=False)
        set_visibility(editor, karlstad, "action_plan", plan.pk, "shared")
        ActionPlanFactory(municipality=karlstad, title="Privat plan", is_published=False)
        return "Delad plan", "Privat plan"
    if kind == "investment_plan":
        plan = investment_plan_factory(
            municipality=karlstad, name="Delad investeringsplan", is_published=False
        )
        set_visibility(editor, karlstad, "investment_plan", plan.pk, "shared")
        investment_plan_factory(
            municipality=karlstad, name="Privat investeringsplan", is_published=False
        )
        return "Delad investeringsplan", "Privat investeringsplan"
    if kind == "follow_up_report":
        report = report_services.create_draft(editor, karlstad, 2024)
        set_visibility(editor, karlstad, "follow_up_report", report.pk, "shared")
        report_services.create_draft(editor, karlstad, 2023)
        return "2024", "2023"
    raise AssertionError(kind)


LISTS = {
    "indicator": "indicators:list",
    "action_plan": "plans:list",
    "investment_plan": "investments:plans",
    "follow_up_report": "reports:list",
}


@pytest.mark.parametrize("kind", LISTS)
def test_list_pages_mark_the_shared_item(
    kind, karlstad, editor, viewer, programme, agency, investment_plan_factory
):  # type: ignore[no-untyped-def]
    shared, private = _items(kind, karlstad, editor, investment_plan_factory)
    url = reverse(LISTS[kind], args=[karlstad.code])
    for staff in (programme, agency):
        page = _page(staff, url)
        assert shared in page and private not in page
        assert page.count(MARK) == 1, kind
        row = page[page.index(shared) :]
        assert row.index(MARK) < row.index("</li>" if kind == "investment_plan" else "</tr>")
    public = _page(None, url)
    assert shared not in public and MARK not in public
    member = _page(viewer, url)
    assert shared in member and private in member
    assert member.count(MARK) == 1  # the private draft keeps its own "not published"
    if kind in ("indicator", "action_plan"):
        assert NOT_PUBLISHED in member


def test_start_page_marks_the_summary_the_versions_and_the_parts(
    karlstad, editor, viewer, programme, contract_version_factory
):  # type: ignore[no-untyped-def]
    version = contract_version_factory(municipality=karlstad, year=2024)
    set_visibility(editor, karlstad, "contract_version", version.pk, "shared")
    plan = ActionPlanFactory(municipality=karlstad, is_published=False)
    ActionFactory(plan=plan)
    set_visibility(editor, karlstad, "action_plan", plan.pk, "shared")
    url = reverse("web:municipality", args=[karlstad.code])

    public = _page(None, url)
    assert MARK not in public and "Version 2024" not in public
    assert "Inga publicerade handlingsplaner." in public or "Ingen publicerad" in public

    page = _page(programme, url)
    summary = page[page.index('class="headline-summary"') : page.index("</section>")]
    # The contract and the actions count a shared item; nothing else in the summary does.
    assert summary.count(MARK) == 2
    contract = page[page.index('id="contract"') :]
    contract = contract[: contract.index("</section>")]
    assert MARK in contract and "2024" in contract
    parts = page[page.index('id="parts"') :]
    parts = parts[: parts.index("</section>")]
    for label in ("Klimatkontrakt", "Handlingsplaner"):
        entry = parts[parts.index(label) :]
        assert entry.index(MARK) < entry.index("</li>"), label
    entry = parts[parts.index("Indikatorer") :]
    assert MARK not in entry[: entry.index("</li>")]

    member = _page(viewer, url)
    summary = member[member.index('class="headline-summary"') : member.index("</section>")]
    parts = member[member.index('id="parts"') :]
    assert MARK not in summary and MARK not in parts[: parts.index("</section>")]

    c = _client(programme)
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = c.get(url).content.decode()
    assert english.count(MARK_EN) >= 4 and MARK not in english


def test_the_page_cache_keeps_the_public_apart(karlstad, editor, programme):  # type: ignore[no-untyped-def]
    _shared_indicator(karlstad, editor)
    urls = [
        reverse("web:municipality", args=[karlstad.code]),
        reverse("indicators:list", args=[karlstad.code]),
    ]
    for url in urls:
        assert MARK not in _page(None, url)
        assert MARK in _page(programme, url)
        assert MARK not in _page(None, url)  # after the programme's copy is cached
        assert "Delad indikator" not in _page(None, url)


def test_publishing_the_item_removes_the_mark(karlstad, editor, programme):  # type: ignore[no-untyped-def]
    indicator = _shared_indicator(karlstad, editor)
    url = reverse("web:municipality", args=[karlstad.code])
    assert MARK in _page(programme, url)
    set_visibility(editor, karlstad, "indicator", indicator.pk, "public")
    page = _page(programme, url)
    assert MARK not in page
    assert MARK not in _page(programme, reverse("indicators:list", args=[karlstad.code]))


def test_the_api_summary_names_the_shared_figures(karlstad, editor, viewer, programme):  # type: ignore[no-untyped-def]
    plan = ActionPlanFactory(municipality=karlstad, is_published=False)
    ActionFactory(plan=plan)
    set_visibility(editor, karlstad, "action_plan", plan.pk, "shared")
    url = f"/api/municipalities/{karlstad.code}/summary"
    staff = _client(programme).get(url).json()
    assert staff["actions"]["provenance"]["shared"] is True
    assert _client(None).get(url).json()["actions"] is None
    member = _client(viewer).get(url).json()
    assert member["actions"]["provenance"]["shared"] is False


def test_a_follow_up_report_freezes_no_mark(karlstad, editor, programme):  # type: ignore[no-untyped-def]
    from klimatkontrakt.organisations.access import REPORT
    from klimatkontrakt.reports.selectors import headline_summary, summary_json

    plan = ActionPlanFactory(municipality=karlstad, is_published=False, include_in_report=True)
    ActionFactory(plan=plan)
    set_visibility(editor, karlstad, "action_plan", plan.pk, "shared")
    for_report = summary_json(headline_summary(karlstad, REPORT))
    assert for_report["actions"] is not None  # the report counts the plan marked for it
    assert for_report["actions"]["provenance"]["shared"] is False
    for_staff = summary_json(headline_summary(karlstad, programme))
    assert for_staff["actions"]["provenance"]["shared"] is True


def test_a_shared_emission_goal_marks_its_two_parts_and_the_goal_list(karlstad, editor, programme):  # type: ignore[no-untyped-def]
    from klimatkontrakt.emissions import services as emission_services

    goal = emission_services.save_goal(
        editor, karlstad, name="Delat mål", target_year=2030, level_t=1
    )
    set_visibility(editor, karlstad, "emission_goal", goal.pk, "shared")
    page = _page(programme, reverse("web:municipality", args=[karlstad.code]))
    parts = page[page.index('id="parts"') :]
    parts = parts[: parts.index("</section>")]
    for label in ("Utsläpp och budget", "Mål och samordnare"):
        entry = parts[parts.index(label) :]
        assert entry.index(MARK) < entry.index("</li>"), label
    listed = _page(programme, reverse("goals:list", args=[karlstad.code]))
    row = listed[listed.index("Delat mål") :]
    assert row.index(MARK) < row.index("</tr>")
    public = _page(None, reverse("goals:list", args=[karlstad.code]))
    assert "Delat mål" not in public and MARK not in public
