"""A report's PDF or DOCX made by the task worker: the job page offers the file to the
municipality's editors only; the file is the same document as the direct download."""

import io

import pytest
from django_tasks_db.models import DBTaskResult
from docx import Document

from klimatkontrakt.jobs.models import Job
from tests.jobs.test_background_import import DB_TASKS, run_worker

pytestmark = pytest.mark.django_db


def test_editor_gets_the_docx_from_the_worker(client, editor, approved, settings, tmp_path):
    settings.TASKS = DB_TASKS
    settings.VAR_DIR = tmp_path
    client.force_login(editor)
    page = client.get("/kommun/1780/uppfoljning/2024/").content.decode()
    assert "Gör dokumentet i bakgrunden" in page
    response = client.post("/kommun/1780/uppfoljning/2024/bakgrund/", {"format": "docx"})
    job = Job.objects.get(kind="report")
    assert response["Location"] == f"/kommun/1780/jobb/{job.pk}/"
    assert client.get(f"/kommun/1780/jobb/{job.pk}/fil/").status_code == 404  # not made yet
    run_worker()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    status = client.get(f"/kommun/1780/jobb/{job.pk}/status/").content.decode()
    assert "uppfoljning-1780-2024-sv.docx är klar." in status
    assert f'href="/kommun/1780/jobb/{job.pk}/fil/"' in status
    made = client.get(f"/kommun/1780/jobb/{job.pk}/fil/")
    assert made["Content-Disposition"] == 'attachment; filename="uppfoljning-1780-2024-sv.docx"'
    document = Document(io.BytesIO(b"".join(made.streaming_content)))
    assert "Indikatorer" in [p.text for p in document.paragraphs]


def test_the_english_pdf(client, editor, approved, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(editor)
    response = client.post(
        "/kommun/1780/uppfoljning/2024/bakgrund/", {"format": "pdf", "lang": "en"}
    )
    job = Job.objects.get(kind="report")
    assert job.status == "done" and job.output_name == "uppfoljning-1780-2024-en.pdf"
    made = client.get(f"/kommun/1780/jobb/{job.pk}/fil/")
    assert made["Content-Type"] == "application/pdf"
    assert b"".join(made.streaming_content).startswith(b"%PDF")
    assert response.status_code == 302


def test_others_can_neither_start_it_nor_fetch_the_file(
    client, editor, viewer, outsider, approved, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    assert client.post(
        "/kommun/1780/uppfoljning/2024/bakgrund/", {"format": "pdf"}
    ).status_code in (302, 403)
    client.force_login(editor)
    client.post("/kommun/1780/uppfoljning/2024/bakgrund/", {"format": "docx"})
    job = Job.objects.get()
    for other in (viewer, outsider):
        client.force_login(other)
        assert (
            client.post("/kommun/1780/uppfoljning/2024/bakgrund/", {"format": "pdf"}).status_code
            == 403
        )
        assert client.get(f"/kommun/1780/jobb/{job.pk}/fil/").status_code == 403
    assert Job.objects.count() == 1
