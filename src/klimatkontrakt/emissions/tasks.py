"""An SMHI Länsrapport uploaded by a site administrator, imported by the task worker with its
progress in a national Job (no municipality). The console command `import-smhi` stays
synchronous; both call `services.import_report`."""

from __future__ import annotations

from pathlib import Path

from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from klimatkontrakt.emissions import services
from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.sources.errors import SourceError


@task()
def import_smhi(job_id: int, folder: str, name: str, path: str) -> int:
    """Import the staged file all or nothing; a new release becomes its gas's current one."""
    job = Job.objects.get(pk=job_id)
    try:
        with translation.override(job.language):
            jobs.progress(job_id, Job.Stage.READING)
            try:
                result = services.import_report(
                    Path(path),
                    file_name=name,
                    progress=lambda stage, rows: jobs.progress(job_id, stage, rows_read=rows),
                )
            except SourceError as exc:
                raise jobs.fail(job_id, exc.messages) from exc
            except Exception:
                jobs.fail(
                    job_id, [_("The import stopped on an unexpected error; nothing changed.")]
                )
                raise
            release = result.release
            facts = {"gas": release.gas, "date": release.release_date.isoformat()}
            if result.created:
                summary = _(
                    "Imported SMHI's %(gas)s release of %(date)s: %(values)s values; it is now "
                    "the current %(gas)s release."
                ) % {**facts, "values": number_format(result.values, force_grouping=True)}
            else:
                summary = (
                    _(
                        "This file was imported before (SMHI's %(gas)s release of %(date)s); "
                        "nothing changed."
                    )
                    % facts
                )
            jobs.finish(
                job_id,
                summary,
                reverse("admin:emissions_release_change", args=[release.pk]),
            )
            return release.pk
    finally:
        jobs.remove_staged(folder)
