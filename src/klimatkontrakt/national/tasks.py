"""The national follow-up report gathered by the task worker ("Sammanställ" on the page and
`POST /api/v1/national/reports`); the job page follows its progress and links to the draft.
`klimatkontrakt national followup --format html|docx|pdf|xlsx` gathers at once, without the
worker."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.national import report_services


@task()
def gather_report(job_id: int, year: int) -> int:
    """Gather (or regather) the year's draft for the editor who asked."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.language):
        jobs.progress(job_id, Job.Stage.FETCHING)
        try:
            report = report_services.create_draft(job.created_by, year)
        except (report_services.FrozenReportError, PermissionDenied) as exc:
            raise jobs.fail(job_id, [str(exc)]) from exc
        except ValidationError as exc:
            raise jobs.fail(job_id, exc.messages) from exc
        except Exception:
            jobs.fail(job_id, [_("The report could not be gathered; nothing changed.")])
            raise
        jobs.finish(
            job_id,
            _("The %(year)s draft has been gathered.") % {"year": year},
            reverse("national:report", args=[year]),
        )
        return report.pk
