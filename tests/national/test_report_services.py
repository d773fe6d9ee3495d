"""The national report's lifecycle through its services: who may gather, approve and publish,
who reads a draft, the frozen snapshot, and the change log of each state change."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.contracts import common_services
from klimatkontrakt.national import report_selectors, report_services
from klimatkontrakt.national.followup import followup_json
from klimatkontrakt.national.models import NationalReport
from tests.national.report_setup import SECRET


def test_programme_editor_gathers_approves_and_publishes(national_setup, programme_editor):
    report = report_services.create_draft(programme_editor, 2024)
    assert report.state == "draft" and not report.is_published
    assert report.data["cities"] == followup_json(2024, AnonymousUser())["cities"]
    approved = report_services.approve(programme_editor, report)
    assert approved.is_approved and approved.approved_by == programme_editor
    assert "<!--report-body-->" in approved.html_sv and 'lang="en"' in approved.html_en
    published = report_services.publish(programme_editor, approved)
    assert published.is_published and published.published_by == programme_editor
    assert report_selectors.report_for(AnonymousUser(), 2024).pk == report.pk
    unpublished = report_services.publish(programme_editor, published, published=False)
    assert not unpublished.is_published and unpublished.published_at is None


@pytest.mark.parametrize("who", ["anonymous", "city_editor", "agency_editor", "agency_viewer"])
def test_only_programme_editors_write(national_setup, who, request, programme_editor):
    user = {
        "anonymous": AnonymousUser(),
        "city_editor": request.getfixturevalue("editor"),
        "agency_editor": request.getfixturevalue("formas_editor"),
        "agency_viewer": request.getfixturevalue("agency_viewer"),
    }[who]
    with pytest.raises(PermissionDenied):
        report_services.create_draft(user, 2024)
    report = report_services.create_draft(programme_editor, 2024)
    with pytest.raises(PermissionDenied):
        report_services.approve(user, report)
    report_services.approve(programme_editor, report)
    with pytest.raises(PermissionDenied):
        report_services.publish(user, report)
    assert not NationalReport.objects.get(pk=report.pk).is_published


def test_drafts_are_read_by_programme_and_agency_staff_only(
    national_setup, programme_editor, agency_viewer, editor
):
    report = report_services.create_draft(programme_editor, 2024)
    assert report_selectors.report_for(agency_viewer, 2024).pk == report.pk
    assert report_selectors.report_for(programme_editor, 2024).pk == report.pk
    for reader in (AnonymousUser(), editor):
        with pytest.raises(Http404):
            report_selectors.report_for(reader, 2024)
        assert not report_selectors.visible_reports(reader).exists()


def test_only_an_approved_report_is_published(national_setup, programme_editor):
    report = report_services.create_draft(programme_editor, 2024)
    with pytest.raises(report_services.FrozenReportError):
        report_services.publish(programme_editor, report)


def test_a_year_outside_the_range_is_refused(national_setup, programme_editor):
    with pytest.raises(ValidationError):
        report_services.create_draft(programme_editor, 1999)
    assert not NationalReport.objects.exists()


def test_regathering_refreshes_the_draft_and_an_approved_report_stays_frozen(
    national_setup, programme_editor, formas_editor, common_2024
):
    report = report_services.create_draft(programme_editor, 2024)
    statuses = {c["title"]: c["status"] for c in report.data["common_part"]["commitments"]}
    assert statuses["Policylabb"] == "planned"
    policylab = common_2024.commitments.get(title="Policylabb")
    common_services.set_common_status(formas_editor, policylab, "in_progress")
    report = report_services.create_draft(programme_editor, 2024)
    assert NationalReport.objects.count() == 1
    statuses = {c["title"]: c["status"] for c in report.data["common_part"]["commitments"]}
    assert statuses["Policylabb"] == "in_progress"

    approved = report_services.approve(programme_editor, report)
    frozen_data, frozen_sv = approved.data, approved.html_sv
    assert "Pågående" in frozen_sv
    common_services.set_common_status(formas_editor, policylab, "done")
    with pytest.raises(report_services.FrozenReportError):
        report_services.create_draft(programme_editor, 2024)
    with pytest.raises(report_services.FrozenReportError):
        report_services.approve(programme_editor, approved)
    again = NationalReport.objects.get(pk=approved.pk)
    assert again.data == frozen_data and again.html_sv == frozen_sv
    html = report_selectors.output(again, "html").content.decode()
    assert html == frozen_sv and "Genomförd" not in html


def test_gathered_as_the_public_reads(national_setup, programme_editor, editor, karlstad):
    """A city's unpublished plan (even marked for its own report) never reaches the report."""
    report = report_services.create_draft(programme_editor, 2024)
    assert SECRET not in str(report.data)
    assert report.data["reader"] == "public"
    karlstad_row = next(c for c in report.data["cities"] if c["municipality"] == "1780")
    assert karlstad_row["completeness"]["action_plan"] is False


def test_a_draft_common_part_is_left_out(contract_cities, common_2024, programme_editor):
    report = report_services.create_draft(programme_editor, 2024)
    assert report.data["common_part"] is None
    assert "Policylabb" not in str(report.data)
    assert {a["slug"]: a["commitments"] for a in report.data["agencies"]} == {
        "formas": [],
        "vinnova": [],
    }


def test_each_state_change_is_in_the_change_log(national_setup, programme_editor):
    report = report_services.create_draft(programme_editor, 2024)
    report_services.create_draft(programme_editor, 2024)
    report_services.approve(programme_editor, report)
    report_services.publish(programme_editor, report)
    entries = ChangeLogEntry.objects.filter(
        object_type="national.nationalreport", object_id=str(report.pk)
    ).order_by("at", "pk")
    assert [e.action for e in entries] == ["created", "updated", "updated", "updated"]
    assert all(e.actor == programme_editor.pk for e in entries)
    assert entries[2].before["state"] == "draft" and entries[2].after["state"] == "approved"
    assert entries[3].after["is_published"] is True


def test_cities_without_figures_are_named_as_left_out(national_setup, programme_editor):
    """Without SMHI figures nothing is summed, and every city is named in the report."""
    report = report_services.create_draft(programme_editor, 2024)
    e = report.data["emissions"]
    assert e["emissions_t"] is None and e["budget_t"] is None and e["years_of_budget"] is None
    assert {m["name"] for m in e["missing_emissions"]} == {c["name"] for c in report.data["cities"]}
    assert {m["reason"] for m in e["missing_emissions"]} == {"no_emissions"}
    assert len(e["missing_budget"]) == 2
    html = report_selectors.output(report, "html").content.decode()
    assert "Ingen kontraktsstad har publicerade utsläppssiffror." in html
    assert "Ingår inte i utsläppssumman: Karlstads kommun (inga siffror)" in html
    assert "Utan koldioxidbudget: " in html


def test_gathering_shares_each_citys_summary_between_row_and_page(
    national_setup, django_assert_max_num_queries
):
    """Within a gathering a city's summary is computed once: the same object for its cross-city
    row and its page; outside it every call computes afresh (no stale summary on a page)."""
    from django.contrib.auth.models import AnonymousUser

    from klimatkontrakt.organisations.selectors import contract_municipalities
    from klimatkontrakt.reports import selectors as reports

    muni = contract_municipalities().first()
    public = AnonymousUser()
    with reports.summaries_computed_once():
        first = reports.headline_summary(muni, public, 2024)
        with django_assert_max_num_queries(0):
            assert reports.headline_summary(muni, public, 2024) is first
        assert reports.headline_summary(muni, public, 2023) is not first
        assert reports.headline_summary(muni, AnonymousUser(), 2024) is not first
    assert reports.headline_summary(muni, public, 2024) is not first
    assert reports.headline_summary(muni, public, 2024) == first
