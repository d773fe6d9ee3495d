"""A job's page under /kommun/<code>/jobb/<id>/ and the status fragment htmx polls on it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klimatkontrakt.jobs.selectors import job_for
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
