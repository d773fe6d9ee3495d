"""A report's PDF or DOCX rendered by the task worker; the job page offers the file."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.reports import selectors


@task()
def render_report(job_id: int, year: int, fmt: str, language: str) -> str:
    """The same document as the download link, made for the person who asked."""
    job = Job.objects.select_related("municipality", "created_by").get(pk=job_id)
    muni = job.own_municipality()
    with translation.override(job.language):
        jobs.progress(job_id, Job.Stage.RENDERING)
        try:
            report = selectors.report_for(job.created_by, muni, year)
            out = selectors.output(report, fmt, language)
        except Exception:
            jobs.fail(job_id, [_("The document could not be made; nothing changed.")])
            raise
        jobs.store_output(job_id, out.filename, out.content, out.content_type)
        jobs.finish(
            job_id,
            _("%(file)s is ready.") % {"file": out.filename},
            reverse("jobs:output", args=[muni.code, job_id]),
        )
        return out.filename
