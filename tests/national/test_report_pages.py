"""The national report's pages and API: the list, a report in each state, downloads, and the
programme editors' gather, approve and publish; who sees a draft; bad input."""

import pytest
from django.test import Client

from klimatkontrakt.jobs.models import Job
from klimatkontrakt.national.models import NationalReport
from tests.national.report_setup import SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_client(programme_editor):
    c = Client()
    c.force_login(programme_editor)
    return c


def test_programme_editor_gathers_approves_and_publishes_on_the_pages(
    national_setup, programme_client
):
    page = programme_client.get("/nationellt/rapport/").content.decode()
    assert 'action="/nationellt/rapport/ny/"' in page
    r = programme_client.post("/nationellt/rapport/ny/", {"year": "2024"})
    job = Job.objects.get(kind=Job.Kind.NATIONAL_REPORT)
    assert r.status_code == 302 and r["Location"] == f"/jobb/{job.pk}/"
    job_page = programme_client.get(r["Location"]).content.decode()
    assert (
        "Nationell uppföljningsrapport" in job_page
        and "Utkastet för 2024 har sammanställts." in job_page
    )
    assert 'href="/nationellt/rapport/2024/"' in job_page
    page = programme_client.get("/nationellt/rapport/2024/").content.decode()
    assert "Nationell uppföljning av Klimatkontrakt 2030, 2024" in page
    assert "Utkast" in page and "Policylabb" in page and SECRET not in page
    assert Client().get("/nationellt/rapport/2024/").status_code == 404
    programme_client.post("/nationellt/rapport/2024/godkann/")
    assert NationalReport.objects.get(year=2024).is_approved
    programme_client.post("/nationellt/rapport/2024/publicera/", {"publish": "1"})
    public = Client().get("/nationellt/rapport/2024/").content.decode()
    assert "Publicerad." in public and "Kontraktsstäderna sida vid sida" in public
    assert 'action="/nationellt/rapport/2024/godkann/"' not in public
    assert "2024" in Client().get("/nationellt/rapport/").content.decode()
    programme_client.post("/nationellt/rapport/2024/publicera/", {"publish": "0"})
    assert Client().get("/nationellt/rapport/2024/").status_code == 404


def test_english_page(national_setup, programme_client):
    programme_client.post("/nationellt/rapport/ny/", {"year": "2024"})
    programme_client.cookies["django_language"] = "en"
    page = programme_client.get("/nationellt/rapport/2024/").content.decode()
    assert "National follow-up of Klimatkontrakt 2030, 2024" in page
    assert "The contract cities side by side" in page and "Planned" in page


def test_downloads_of_each_format(national_setup, programme_client):
    programme_client.post("/nationellt/rapport/ny/", {"year": "2024"})
    expected = {
        "html": "text/html",
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for fmt, content_type in expected.items():
        r = programme_client.get(f"/nationellt/rapport/2024/rapport.{fmt}?lang=en")
        assert r.status_code == 200 and r["Content-Type"].startswith(content_type), fmt
        if fmt != "html":
            assert f'filename="nationell-uppfoljning-2024-en.{fmt}"' in r["Content-Disposition"]
    assert programme_client.get("/nationellt/rapport/2024/rapport.exe").status_code == 404


def test_agency_staff_read_drafts_and_cannot_write(
    national_setup, programme_client, agency_viewer, formas_editor
):
    programme_client.post("/nationellt/rapport/ny/", {"year": "2024"})
    for user in (agency_viewer, formas_editor):
        c = Client()
        c.force_login(user)
        page = c.get("/nationellt/rapport/2024/").content.decode()
        assert "Policylabb" in page and 'action="/nationellt/rapport/2024/godkann/"' not in page
        assert c.get("/nationellt/rapport/2024/rapport.docx").status_code == 200
        assert c.post("/nationellt/rapport/2024/godkann/").status_code == 403
        assert c.post("/nationellt/rapport/ny/", {"year": "2025"}).status_code == 403
    assert NationalReport.objects.get().state == "draft"


def test_city_editors_and_the_public_see_no_draft(national_setup, programme_client, editor):
    programme_client.post("/nationellt/rapport/ny/", {"year": "2024"})
    city = Client()
    city.force_login(editor)
    for c in (Client(), city):
        assert c.get("/nationellt/rapport/2024/").status_code == 404
        assert c.get("/nationellt/rapport/2024/rapport.pdf").status_code == 404
        assert "2024" not in c.get("/api/national/reports").content.decode()
        assert c.get("/api/national/reports/2024").status_code == 404
    assert city.post("/nationellt/rapport/2024/publicera/").status_code == 403
    anon = Client().post("/nationellt/rapport/2024/godkann/")
    assert anon.status_code == 302 and "/konto/" in anon["Location"]


def test_a_bad_year_on_the_page_is_refused_with_a_message(national_setup, programme_client):
    for year in ("", "abc", "1999", "2101"):
        r = programme_client.post("/nationellt/rapport/ny/", {"year": year}, follow=True)
        assert "Ange ett år mellan 2000 och 2100." in r.content.decode()
    assert not NationalReport.objects.exists()


def test_api_lifecycle(national_setup, programme_client):
    r = programme_client.post(
        "/api/national/reports", {"year": 2024}, content_type="application/json"
    )
    job = r.json()
    assert r.status_code == 202 and job["status"] == "done"  # the tests' tasks run at once
    assert (
        job["result_url"] == "/nationellt/rapport/2024/" and job["job_url"] == f"/jobb/{job['id']}/"
    )
    assert programme_client.get(job["status_url"]).json() == job
    assert programme_client.get("/api/national/reports/2024").json()["state"] == "draft"
    assert (
        programme_client.post(
            "/api/national/reports/2024/publish", {}, content_type="application/json"
        ).status_code
        == 409
    )
    assert programme_client.post("/api/national/reports/2024/approve").json()["state"] == "approved"
    again = programme_client.post(
        "/api/national/reports", {"year": 2024}, content_type="application/json"
    )
    assert again.status_code == 409
    published = programme_client.post(
        "/api/national/reports/2024/publish", {}, content_type="application/json"
    ).json()
    assert published["is_published"] is True
    public = Client().get("/api/national/reports/2024").json()
    assert public["state"] == "approved" and public["data"]["year"] == 2024
    assert [c["municipality"] for c in public["data"]["cities"]] == ["1780", "0180"]
    assert [r["year"] for r in Client().get("/api/national/reports").json()] == [2024]
    back = programme_client.post(
        "/api/national/reports/2024/publish", {"published": False}, content_type="application/json"
    )
    assert back.json()["is_published"] is False


def test_api_refuses_bad_input_and_other_people(national_setup, programme_client, formas_editor):
    for body in ({"year": 1999}, {"year": 2101}, {"year": "x"}, {}):
        r = programme_client.post("/api/national/reports", body, content_type="application/json")
        assert r.status_code == 422, body
    assert programme_client.get("/api/national/reports/99999").status_code == 422
    assert programme_client.post("/api/national/reports/2024/approve").status_code == 404
    assert (
        Client().post("/api/national/reports", {"year": 2024}, content_type="application/json")
    ).status_code == 401
    agency = Client()
    agency.force_login(formas_editor)
    r = agency.post("/api/national/reports", {"year": 2024}, content_type="application/json")
    assert r.status_code == 403
    assert not NationalReport.objects.exists() and not Job.objects.exists()
