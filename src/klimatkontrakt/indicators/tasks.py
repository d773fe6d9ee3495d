"""Kolada's figures fetched by the task worker, with the progress and outcome in a Job."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from klimatkontrakt.indicators.services import refresh_kolada_indicators
from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.sources.kolada import KoladaError


@task()
def refresh_kolada(job_id: int) -> int:
    """`fetch-kolada` for the job's municipality, as the person who asked; all or nothing."""
    job = Job.objects.select_related("municipality", "created_by").get(pk=job_id)
    muni = job.own_municipality()
    with translation.override(job.language):
        jobs.progress(job_id, Job.Stage.FETCHING)
        try:
            result = refresh_kolada_indicators(muni, user=job.created_by, check_access=True)
        except KoladaError as exc:
            raise jobs.fail(
                job_id, [_("Kolada did not answer as expected: %(cause)s") % {"cause": exc.cause}]
            ) from exc
        except Exception:
            jobs.fail(job_id, [_("The update stopped on an unexpected error; nothing changed.")])
            raise
        received = sum(result.per_kpi.values())
        jobs.finish(
            job_id,
            _("%(stored)d values new or changed, %(unchanged)d unchanged, %(deleted)d removed.")
            % {"stored": result.stored, "unchanged": result.unchanged, "deleted": result.deleted},
            reverse("indicators:list", args=[muni.code]),
            rows_read=received,
        )
        return received
