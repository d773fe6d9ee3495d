"""The ledger import of the upload page, run by the task worker with its progress in a Job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from klimatkontrakt.footprint import services
from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.ledger import ColumnMapping


def refusal_lines(reports: list[Any]) -> list[str]:
    """Per refused file its reason and up to 50 of its bad rows, as on the upload page."""
    lines: list[str] = []
    for r in reports:
        if r.status != "refused":
            continue
        lines.append(f"{r.name}: {r.message}" if r.message else r.name)
        lines.extend(b.message() for b in r.bad_rows[:50])
    return lines


@task()
def import_ledger(
    job_id: int,
    folder: str,
    files: list[list[str]],
    *,
    ledger_name: str,
    scope: str,
    mapping: dict[str, Any] | None,
    threshold: float,
) -> int:
    """Import the staged files all or nothing; the Job says how far it got and what came of it."""
    job = Job.objects.select_related("municipality", "created_by").get(pk=job_id)
    try:
        with translation.override(job.language):
            try:
                result = services.import_ledger(
                    job.created_by,
                    job.own_municipality(),
                    [(name, Path(path)) for name, path in files],
                    ledger_name=ledger_name,
                    scope=scope,
                    mapping=ColumnMapping.from_dict(mapping) if mapping else None,
                    threshold=threshold,
                    progress=lambda stage, rows, done: jobs.progress(
                        job_id, stage, rows_read=rows, files_done=done
                    ),
                )
            except services.ImportRefused as exc:
                raise jobs.fail(job_id, refusal_lines(exc.reports)) from exc
            except (ValueError, SourceError) as exc:
                raise jobs.fail(job_id, getattr(exc, "messages", None) or [str(exc)]) from exc
            except Exception:
                jobs.fail(
                    job_id, [_("The import stopped on an unexpected error; nothing was imported.")]
                )
                raise
            code = job.own_municipality().code
            jobs.finish(
                job_id,
                _("Imported %(n)d file(s); %(d)d already imported.")
                % {"n": len(result.imported), "d": len(result.duplicates)},
                f"{reverse('footprint:overview', args=[code])}?reskontra={result.ledger.pk}",
            )
            return result.ledger.pk
    finally:
        jobs.remove_staged(folder)
