"""Draft → approved → published, and the frozen snapshot that later edits never change."""

import pytest
from django.core.exceptions import PermissionDenied

from klimatkontrakt.indicators.models import IndicatorValue
from klimatkontrakt.reports import selectors, services

pytestmark = pytest.mark.django_db


def test_draft_gathers_every_section_from_the_other_apps(draft):
    data = draft.data
    assert draft.state == "draft" and not draft.is_published
    [ind] = data["indicators"]
    assert ind["name"] == "Andel elbilar"
    assert ind["value"] == 11.0 and ind["previous_value"] == 8.5
    assert ind["target_year"] == 2030 and ind["target_value"] == 40.0
    assert ind["status"] in {"on_track", "at_risk", "off_track"}
    [plan] = data["action_plans"]
    packages = {wp["code"]: wp["counts"] for wp in plan["work_packages"]}
    assert packages == {"AP1": {"not_started": 1}, "AP2": {}, "": {"not_started": 1}}
    contract = data["contract"]
    assert contract["year"] == 2024 and len(contract["commitments"]) == 4
    assert sum(contract["status_counts"].values()) == 4
    assert contract["changes"]["from_year"] == 2023
    assert contract["changes"]["added"], "commitments new in 2024 are listed as changes"
    assert data["emissions"] == {"available": False}
    assert data["footprint"] == {"available": True, "ledger": None}


def test_draft_can_be_refreshed_but_not_an_approved_report(draft, editor, karlstad, indicator):
    IndicatorValue.objects.filter(indicator=indicator, year=2024).update(value=12.5)
    refreshed = services.create_draft(editor, karlstad, 2024)
    assert refreshed.pk == draft.pk
    assert refreshed.data["indicators"][0]["value"] == 12.5
    services.approve(editor, refreshed)
    with pytest.raises(services.FrozenReportError):
        services.create_draft(editor, karlstad, 2024)


def test_approved_report_does_not_change_when_an_indicator_changes(approved, indicator):
    html_before = selectors.output(approved, "html").content
    docx_before = _docx_text(selectors.output(approved, "docx").content)
    assert "11,0" in html_before.decode()
    IndicatorValue.objects.filter(indicator=indicator, year=2024).update(value=99.0)
    indicator.name = "Omdöpt indikator"
    indicator.save()
    approved.refresh_from_db()
    assert selectors.output(approved, "html").content == html_before
    assert _docx_text(selectors.output(approved, "docx").content) == docx_before
    assert approved.data["indicators"][0]["value"] == 11.0
    assert "Omdöpt" not in html_before.decode()


def test_only_approved_reports_can_be_published(draft, editor):
    with pytest.raises(services.FrozenReportError):
        services.publish(editor, draft)
    report = services.publish(editor, services.approve(editor, draft))
    assert report.is_published and report.published_at is not None


def test_writes_need_the_editor_role(karlstad_work, karlstad, viewer, outsider, draft):
    for user in (viewer, outsider, None):
        with pytest.raises(PermissionDenied):
            services.create_draft(user, karlstad, 2024)
        with pytest.raises(PermissionDenied):
            services.approve(user, draft)


def test_unpublished_reports_are_only_for_members(approved, karlstad, viewer, outsider):
    assert list(selectors.visible_reports(viewer, karlstad)) == [approved]
    assert list(selectors.visible_reports(outsider, karlstad)) == []
    assert list(selectors.visible_reports(None, karlstad)) == []


def _docx_text(content: bytes) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_changes_compare_indicator_status_with_last_years_approved_report(
    karlstad_work, editor, karlstad
):
    last = services.approve(editor, services.create_draft(editor, karlstad, 2023))
    report = services.create_draft(editor, karlstad, 2024)
    [before] = last.data["indicators"]
    [now] = report.data["indicators"]
    assert before["status"] is not None
    assert now["previous_status"] == before["status"]
    html = selectors.output(report, "html").content.decode()
    assert "Status förra året" in html.split('id="changes"')[1]
