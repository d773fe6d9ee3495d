"""The open data build as a task: nightly from the worker's schedule (jobs.schedule) and on
demand from the "Öppna data" page."""

from __future__ import annotations

from django.tasks import task

from klimatkontrakt.opendata.models import Release
from klimatkontrakt.opendata.services import build_release


@task()
def build_open_data(release_id: int) -> int:
    """Build the release queued on demand; returns its id."""
    release = Release.objects.get(pk=release_id)
    return build_release(release.trigger, release).pk


@task()
def nightly_open_data() -> int:
    """The nightly build: every dataset's files and packages from what is published now."""
    return build_release(Release.Trigger.SCHEDULED).pk
