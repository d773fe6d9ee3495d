"""A job's page under /kommun/<code>/jobb/<id>/ (national work: /jobb/<id>/) and the status
fragment htmx polls on it."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from klimatkontrakt.jobs.selectors import job_for, national_job_for
from klimatkontrakt.jobs.services import output_dir
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.pages import municipality_context


def detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    job = job_for(request.user, muni, pk)
    return render(request, "jobs/detail.html", municipality_context(request, muni, "", job=job))


def status(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    job = job_for(request.user, muni, pk)
    return render(request, "jobs/_status.html", {"municipality": muni, "job": job})


def national_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = national_job_for(request.user, pk)
    return render(request, "jobs/national_detail.html", {"job": job})


def national_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = national_job_for(request.user, pk)
    return render(request, "jobs/_status.html", {"job": job})


def output(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """The document a finished job made, as a download, for the municipality's editors."""
    muni = municipality_by_code(code)
    job = job_for(request.user, muni, pk)
    path = output_dir(job.pk) / job.output_name
    if job.status != job.Status.DONE or not job.output_name or not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=job.output_name, content_type=job.output_type
    )
