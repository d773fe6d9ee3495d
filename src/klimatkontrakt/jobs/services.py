"""Start, advance and end a `Job`; keep the files a person uploaded until the worker reads them.

A view stages the uploads (`stage_uploads`), records the job (`start`) and enqueues the task with
the job's id; the task reports `progress` and ends with `finish` or `fail`. Progress is written
with one UPDATE outside the work's own transaction, so the page sees it while the work runs and a
failed import, rolled back whole, still shows how far it got and why it stopped.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import get_language

from klimatkontrakt.jobs.models import Job
from klimatkontrakt.organisations.access import (
    recorded_account,
    require_edit,
    require_national_report_edit,
    require_site_admin,
)
from klimatkontrakt.organisations.models import Municipality


def output_dir(job_id: int) -> Path:
    """Where a job keeps the document it made, until the next document replaces it."""
    return Path(settings.VAR_DIR) / "jobs" / str(job_id)


def store_output(job_id: int, filename: str, content: bytes, content_type: str) -> None:
    folder = output_dir(job_id)
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(filename).name
    (folder / name).write_bytes(content)
    Job.objects.filter(pk=job_id).update(output_name=name, output_type=content_type)


def upload_root() -> Path:
    """Beside the ledgers, so that the web process and the worker share it (one volume)."""
    return Path(settings.LEDGER_DIR) / ".uploads"


def stage_uploads(files: Iterable[UploadedFile]) -> tuple[Path, list[tuple[str, Path]]]:
    """Copy uploaded files into a new folder the worker can read; (folder, [(name, path)])."""
    folder = upload_root() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    staged: list[tuple[str, Path]] = []
    for upload in files:
        name = Path(upload.name or "fil").name
        target = folder / f"{len(staged)}-{name}"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        staged.append((name, target))
    return folder, staged


def remove_staged(folder: str | Path) -> None:
    """Remove a staging folder, only ever one under `upload_root()`."""
    path = Path(folder).resolve()
    if path.parent == upload_root().resolve():
        shutil.rmtree(path, ignore_errors=True)


def start(user: Any, municipality: Municipality, kind: str, *, files_total: int = 0) -> Job:
    require_edit(user, municipality)
    return Job.objects.create(
        municipality=municipality,
        kind=kind,
        files_total=files_total,
        language=get_language() or settings.LANGUAGE_CODE,
        created_by=recorded_account(user),
    )


def start_national(user: Any, kind: str, *, files_total: int = 0) -> Job:
    """National work: no municipality; an SMHI import started by a site administrator, the
    national report's gathering by an editor of the programme office."""
    require_national_job(user, kind)
    return Job.objects.create(
        municipality=None,
        kind=kind,
        files_total=files_total,
        language=get_language() or settings.LANGUAGE_CODE,
        created_by=recorded_account(user),
    )


def require_national_job(user: Any, kind: str) -> None:
    """Who starts and follows national work of a kind."""
    if kind == Job.Kind.NATIONAL_REPORT:
        require_national_report_edit(user)
    else:
        require_site_admin(user)


def set_task(job: Job, task_id: str) -> None:
    Job.objects.filter(pk=job.pk).update(task_id=task_id[:64])


def progress(job_id: int, stage: str, *, rows_read: int = 0, files_done: int = 0) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, stage=stage, rows_read=rows_read, files_done=files_done
    )


def finish(
    job_id: int, summary: str, result_url: str = "", *, rows_read: int | None = None
) -> None:
    fields: dict[str, Any] = {"rows_read": rows_read} if rows_read is not None else {}
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE,
        stage=Job.Stage.FINISHED,
        summary=summary,
        result_url=result_url,
        **fields,
    )


class JobFailed(Exception):
    """Raised by a task after `fail`, so that the task's own result is FAILED as well."""


def fail(job_id: int, problems: Sequence[str]) -> JobFailed:
    """Record why the job stopped; returns the exception for the task to raise."""
    Job.objects.filter(pk=job_id).update(status=Job.Status.FAILED, problems=list(problems))
    return JobFailed("; ".join(problems))
