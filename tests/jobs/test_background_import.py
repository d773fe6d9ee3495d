"""A ledger upload through the page becomes a task in the database; the worker runs it and the
htmx-polled status fragment shows its progress and outcome, to the municipality's editors only."""

from pathlib import Path
from unittest import mock

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from klimatkontrakt.footprint.models import Ledger, LedgerImport
from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from tests.sources.ledger_files import ROWS, write_csv

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_tasks(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    settings.LEDGER_DIR = tmp_path / "ledgers"
    return settings.LEDGER_DIR


def run_worker() -> None:
    """The worker of `klimatkontrakt worker`, in this process, until the queue is empty.

    The worker closes stale connections as it wakes; in a test that would close the test's own
    transaction on PostgreSQL ("the connection is closed"), so it keeps the connection here, as
    Django's test client does for requests."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()


def upload(client, path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return client.post(
            "/kommun/1780/inkop/importera/",
            {"ledger": "Reskontra 2024", "ledger_files": handle, "threshold": "1"},
        )


def test_upload_is_a_task_the_worker_runs_with_progress_on_the_page(
    client, editor, karlstad, tmp_path, database_tasks
):
    client.force_login(editor)
    response = upload(client, write_csv(tmp_path / "lev.csv"))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/kommun/1780/jobb/{job.pk}/"
    # Queued in the database, nothing imported while the request ran.
    task = DBTaskResult.objects.get()
    assert task.status == "READY" and str(task.id) == job.task_id
    assert not Ledger.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Väntar på bakgrundsarbetet" in page
    assert (
        f'hx-get="/kommun/1780/jobb/{job.pk}/status/"' in page and 'hx-trigger="every 2s"' in page
    )

    run_worker()

    task.refresh_from_db()
    job.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert (job.status, job.stage, job.rows_read, job.files_done) == (
        "done",
        "finished",
        len(ROWS),
        1,
    )
    ledger = Ledger.objects.get(municipality=karlstad)
    assert LedgerImport.objects.get(ledger=ledger).rows == len(ROWS)
    fragment = client.get(f"/kommun/1780/jobb/{job.pk}/status/").content.decode()
    assert "hx-get" not in fragment  # finished: polling stops
    assert "Genomförd" in fragment and "Importerade 1 fil(er); 0 var redan importerade." in fragment
    assert f"/kommun/1780/inkop/?reskontra={ledger.pk}" in fragment
    # The staged upload is gone once the worker has read it.
    assert not any((database_tasks / ".uploads").iterdir())


def test_the_fragment_shows_the_stage_and_rows_read_while_it_runs(
    client, editor, karlstad, database_tasks
):
    client.force_login(editor)
    job = jobs.start(editor, karlstad, Job.Kind.LEDGER_IMPORT, files_total=3)
    jobs.progress(job.pk, Job.Stage.READING, rows_read=1234567, files_done=2)
    fragment = client.get(f"/kommun/1780/jobb/{job.pk}/status/").content.decode()
    assert "Läser och kontrollerar filerna" in fragment
    assert "1 234 567" in fragment.replace("\xa0", " ") and "2 / 3" in fragment
    assert 'hx-trigger="every 2s"' in fragment


def test_a_refused_file_fails_the_task_with_its_message_and_leaves_nothing(
    client, editor, karlstad, tmp_path, database_tasks
):
    client.force_login(editor)
    bad = tmp_path / "trasig.csv"
    bad.write_text("konto_nr;belopp;datum\n4010;x;2024-01-01\n", encoding="utf-8")
    response = upload(client, bad)
    run_worker()
    job = Job.objects.get()
    assert job.status == "failed" and DBTaskResult.objects.get().status == "FAILED"
    fragment = client.get(f"/kommun/1780/jobb/{job.pk}/status/").content.decode()
    assert "trasig.csv, rad 2, kolumn belopp" in fragment and "Misslyckades" in fragment
    assert "hx-get" not in fragment
    assert client.get(response["Location"]).status_code == 200
    assert not Ledger.objects.exists() and not LedgerImport.objects.exists()
    assert not list(database_tasks.rglob("*.parquet"))
    assert not any((database_tasks / ".uploads").iterdir())


def test_the_outcome_is_in_the_language_of_the_person_who_started_it(
    client, editor, karlstad, tmp_path
):
    """With the tasks run at once (the tests' default) the redirect shows the finished job."""
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    response = upload(client, write_csv(tmp_path / "lev.csv"))
    page = client.get(response["Location"]).content.decode()
    assert "Imported 1 file(s); 0 already imported." in page and "Rows read" in page
    assert "Ledger import" in page and "ledger_import" not in page


@pytest.mark.parametrize("who", ["outsider", "viewer", None])
def test_only_the_municipalitys_editors_see_its_jobs(client, editor, karlstad, who, request):
    job = jobs.start(editor, karlstad, Job.Kind.LEDGER_IMPORT)
    jobs.fail(job.pk, ["hemlig.csv: rad 3"])
    if who:
        client.force_login(request.getfixturevalue(who))
    for url in (f"/kommun/1780/jobb/{job.pk}/", f"/kommun/1780/jobb/{job.pk}/status/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "hemlig.csv" not in response.content.decode()


def test_another_municipalitys_job_is_not_found_under_this_code(
    client, editor, karlstad, outsider, other_municipality
):
    job = jobs.start(outsider, other_municipality, Job.Kind.LEDGER_IMPORT)
    client.force_login(editor)
    assert client.get(f"/kommun/1780/jobb/{job.pk}/status/").status_code == 404


def test_the_import_reports_its_stage_and_rows_read_file_by_file(editor, karlstad, tmp_path):
    from klimatkontrakt.footprint import services

    heard: list[tuple[str, int, int]] = []
    services.import_ledger(
        editor,
        karlstad,
        [
            ("a.csv", write_csv(tmp_path / "a.csv")),
            ("b.csv", write_csv(tmp_path / "b.csv", newline="\r\n")),
        ],
        progress=lambda stage, rows, done: heard.append((stage, rows, done)),
    )
    n = len(ROWS)
    assert heard == [
        ("reading", 0, 0),
        ("reading", n, 1),
        ("reading", n, 1),
        ("reading", 2 * n, 2),
        ("storing", 2 * n, 2),
    ]
