"""A site administrator uploads SMHI's national report on a page; the task worker imports it as
a national job (no municipality) with its stage and rows read on the job page. A refused file
changes nothing; a new release becomes the current one. `import-smhi` stays synchronous."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from klimatkontrakt.emissions.models import EmissionValue, Release
from klimatkontrakt.jobs.models import Job
from tests.emissions.test_import_smhi import _small_report
from tests.jobs.test_background_import import run_worker

URL = "/utslapp/smhi/importera/"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(django_user_model):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_superuser("plattform", "drift@example.se", "x-long-pw")


@pytest.fixture
def worker_queue(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    settings.LEDGER_DIR = tmp_path / "ledgers"  # the staged uploads live beside the ledgers
    return settings.LEDGER_DIR


def _upload(client, path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return client.post(URL, {"report": handle})


def test_the_real_report_is_imported_by_the_worker_with_progress(
    client, site_admin, municipalities, co2_file, worker_queue
):
    client.force_login(site_admin)
    response = _upload(client, co2_file)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobb/{job.pk}/"
    assert job.municipality is None and job.kind == "smhi" and job.status == "queued"
    assert not Release.objects.exists()  # nothing happens in the request
    page = client.get(response["Location"]).content.decode()
    assert "Import av SMHI:s utsläppsdata" in page and f'hx-get="/jobb/{job.pk}/status/"' in page

    run_worker()
    job.refresh_from_db()
    release = Release.objects.get()
    assert job.status == "done" and job.stage == "finished"
    assert job.rows_read == 312 * 62  # the file's rows: every area x sector
    assert (release.gas, release.release_date, release.is_current) == (
        "CO2",
        date(2024, 4, 18),
        True,
    )
    assert release.file_name == "df_municipalities_2022.xlsx"  # the real name, not the staged
    assert EmissionValue.objects.count() == 312 * 62 * 12
    fragment = client.get(f"/jobb/{job.pk}/status/").content.decode().replace("\xa0", " ")
    assert "Importerade SMHI:s CO2-publicering från 2024-04-18: 232 128 värden" in fragment
    assert "19 344" in fragment and "hx-get" not in fragment
    assert not list(worker_queue.rglob("*.xlsx"))  # the staged upload is gone


def test_a_new_release_becomes_current_and_a_refused_file_changes_nothing(
    client, site_admin, municipalities, tmp_path, worker_queue
):
    client.force_login(site_admin)
    _upload(client, _small_report(tmp_path / "co2-2025.xlsx", "2025-03-31"))
    _upload(client, _small_report(tmp_path / "co2-2026.xlsx", "2026-03-31", value=90.0))
    run_worker()
    current = Release.objects.get(is_current=True)
    assert current.release_date == date(2026, 3, 31) and Release.objects.count() == 2

    _upload(client, _small_report(tmp_path / "trasig.xlsx", "2027-03-31", bad="x"))
    run_worker()
    failed = Job.objects.order_by("-pk").first()
    assert failed is not None and failed.status == "failed"
    assert any("trasig.xlsx" in p and "rad 8" in p for p in failed.problems), failed.problems
    fragment = client.get(f"/jobb/{failed.pk}/status/").content.decode()
    assert "Misslyckades" in fragment and "Ingenting importerades" in fragment
    assert Release.objects.count() == 2
    assert Release.objects.get(is_current=True).pk == current.pk


def test_the_outcome_is_in_the_language_of_the_administrator(
    client, site_admin, municipalities, tmp_path
):
    client.force_login(site_admin)
    client.cookies["django_language"] = "en"
    response = _upload(client, _small_report(tmp_path / "co2.xlsx", "2025-03-31"))
    page = client.get(response["Location"]).content.decode()
    assert "SMHI emissions import" in page
    assert "Imported SMHI&#x27;s CO2 release of 2025-03-31: 4 values" in page


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_only_a_site_administrator_imports_national_data(
    client, karlstad_editor, site_admin, municipalities, tmp_path, who
):
    national = Job.objects.create(kind=Job.Kind.SMHI, municipality=None)
    if who == "editor":
        client.force_login(karlstad_editor)
    assert client.get(URL).status_code in (302, 403)
    response = _upload(client, _small_report(tmp_path / "co2.xlsx", "2025-03-31"))
    assert response.status_code in (302, 403)
    assert Job.objects.count() == 1 and not Release.objects.exists()
    assert client.get(f"/jobb/{national.pk}/").status_code in (302, 403)
    assert client.get(f"/jobb/{national.pk}/status/").status_code in (302, 403)


def test_a_national_job_is_not_shown_under_a_municipality(client, site_admin, karlstad):
    national = Job.objects.create(kind=Job.Kind.SMHI, municipality=None)
    client.force_login(site_admin)
    assert client.get(f"/kommun/1780/jobb/{national.pk}/").status_code == 404
    assert client.get(f"/jobb/{national.pk}/").status_code == 200


def test_the_release_list_in_the_admin_links_to_the_import_page(client, site_admin):
    client.force_login(site_admin)
    assert f'href="{URL}"' in client.get("/admin/emissions/release/").content.decode()
