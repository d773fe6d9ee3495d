"""'Sammanställ' in the task worker: the page and the API answer with the job at once, the job
gathers the draft for the editor who asked (the tests' tasks run at once, tests/conftest.py),
who follows the job; a refusal makes no job; a failing gathering is recorded on the job."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.national import report_services, tasks
from klimatkontrakt.national.models import NationalReport

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_the_service_starts_a_job_that_gathers_the_draft(national_setup, programme_editor):
    job = report_services.start_gathering(programme_editor, 2024)
    assert job.kind == Job.Kind.NATIONAL_REPORT and job.municipality is None
    assert job.status == Job.Status.DONE and job.stage == Job.Stage.FINISHED and job.task_id
    assert job.result_url == "/nationellt/rapport/2024/"
    report = NationalReport.objects.get(year=2024)
    assert report.state == "draft" and [c["municipality"] for c in report.data["cities"]] == [
        "1780",
        "0180",
    ]
    again = report_services.start_gathering(programme_editor, 2024)
    assert again.pk != job.pk and NationalReport.objects.count() == 1
    assert NationalReport.objects.get().gathered_at > report.gathered_at


def test_the_job_page_follows_the_gathering_for_programme_editors_only(
    national_setup, programme_editor, formas_editor, editor
):
    job = report_services.start_gathering(programme_editor, 2024)
    mine = _client(programme_editor)
    status = mine.get(f"/jobb/{job.pk}/status/").content.decode()
    assert "Klar" in status and 'href="/nationellt/rapport/2024/"' in status
    assert "Rader lästa" not in status
    mine.cookies["django_language"] = "en"
    page = mine.get(f"/jobb/{job.pk}/").content.decode()
    # The outcome stays in the language of the editor who asked (Swedish here).
    assert "National follow-up report" in page and "Utkastet för 2024 har sammanställts." in page
    for other in (formas_editor, editor):
        assert _client(other).get(f"/jobb/{job.pk}/").status_code == 403
        assert _client(other).get(f"/api/national/reports/jobs/{job.pk}").status_code == 403
    assert Client().get(f"/api/national/reports/jobs/{job.pk}").status_code == 401
    assert mine.get(f"/api/national/reports/jobs/{job.pk + 1}").status_code == 404
    assert mine.get("/api/national/reports/jobs/0").status_code == 422


def test_other_national_jobs_stay_with_site_administrators(
    national_setup, programme_editor, user_factory
):
    admin = user_factory(username="superadmin", is_superuser=True)
    smhi = jobs.start_national(admin, Job.Kind.SMHI)
    assert _client(programme_editor).get(f"/jobb/{smhi.pk}/").status_code == 403
    assert _client(programme_editor).get(f"/api/national/reports/jobs/{smhi.pk}").status_code == 404
    with pytest.raises(PermissionDenied):
        jobs.start_national(programme_editor, Job.Kind.SMHI)


def test_an_approved_report_is_refused_at_once_without_a_job(national_setup, programme_editor):
    report = report_services.create_draft(programme_editor, 2024)
    report_services.approve(programme_editor, report)
    before = Job.objects.count()
    r = _client(programme_editor).post("/nationellt/rapport/ny/", {"year": "2024"}, follow=True)
    assert "Den nationella rapporten för 2024 är godkänd och fryst." in r.content.decode()
    api = _client(programme_editor).post(
        "/api/national/reports", {"year": 2024}, content_type="application/json"
    )
    assert api.status_code == 409 and Job.objects.count() == before


def test_a_gathering_that_fails_is_recorded_on_the_job(national_setup, programme_editor):
    """The report is approved between the asking and the worker's turn: nothing changes."""
    job = jobs.start_national(programme_editor, Job.Kind.NATIONAL_REPORT)
    report = report_services.approve(
        programme_editor, report_services.create_draft(programme_editor, 2024)
    )
    tasks.gather_report.enqueue(job.pk, 2024)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.result_url == ""
    assert job.problems == ["Den nationella rapporten för 2024 är godkänd och fryst."]
    assert NationalReport.objects.get().gathered_at == report.gathered_at
    status = _client(programme_editor).get(f"/jobb/{job.pk}/status/").content.decode()
    assert "Inget sammanställdes" in status and "godkänd och fryst" in status
