"""One structured log line per background task when it ends (docs/deployment.md, "Logs").

Django's tasks framework sends `task_finished` from every backend (the database worker and the
immediate backend alike), for every task, so this one receiver covers them all. A task whose
first parameter is `job_id` reports on a `Job`: the line then carries the job's id, kind,
municipality code (none for national work) and rows read.

No personal data: no user name or e-mail, no file names (a ledger file is often named after a
person or a supplier), no job summary or problems (they quote rows of the files). Tracebacks of
failed tasks go to the log through Django's own `django.tasks` logger.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any

from django.tasks import TaskResult, TaskResultStatus

from klimatkontrakt.web.request_log import log_event

logger = logging.getLogger(__name__)


def job_id_of(task_result: TaskResult) -> int | None:
    """The job a task reports on: its `job_id` argument, given by position or by name."""
    if "job_id" in task_result.kwargs:
        return int(task_result.kwargs["job_id"])
    parameters = list(inspect.signature(task_result.task.func).parameters)
    if parameters[:1] == ["job_id"] and task_result.args:
        return int(task_result.args[0])
    return None


def _duration_ms(task_result: TaskResult) -> float | None:
    started, finished = task_result.started_at, task_result.finished_at
    if started is None or finished is None:
        return None
    return round((finished - started).total_seconds() * 1000, 1)


def task_fields(task_result: TaskResult) -> dict[str, Any]:
    from klimatkontrakt.jobs.models import Job

    ok = task_result.status == TaskResultStatus.SUCCESSFUL
    fields: dict[str, Any] = {
        "task": task_result.task.module_path,
        "task_id": task_result.id,
        "status": "ok" if ok else "failed",
        "duration_ms": _duration_ms(task_result),
    }
    job_id = job_id_of(task_result)
    if job_id is not None:
        job = Job.objects.select_related("municipality").filter(pk=job_id).first()
        fields["job"] = job_id
        if job is not None:
            fields["kind"] = job.kind
            fields["municipality"] = job.municipality.code if job.municipality else None
            fields["rows_read"] = job.rows_read
    return fields


def log_task_finished(sender: Any, task_result: TaskResult, **kwargs: Any) -> None:
    """The `task_finished` receiver (connected in JobsConfig.ready); it never raises, so that a
    logging problem cannot change a task's outcome."""
    try:
        fields = task_fields(task_result)
    except Exception:
        logger.exception("the task's log line could not be made")
        return
    level = logging.INFO if fields["status"] == "ok" else logging.WARNING
    log_event("task", level=level, **fields)
