"""Long work done by the task worker: one `Job` row per piece of work a person started, with its
progress (stage, rows read) and its outcome, shown to the municipality's editors (national work,
such as an SMHI import, has no municipality and is shown to site administrators); the worker's
heartbeat and the weekly schedule's last run."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import Municipality


class Job(models.Model):
    class Kind(models.TextChoices):
        LEDGER_IMPORT = "ledger_import", _("Ledger import")
        KOLADA = "kolada", _("Update from Kolada")
        REPORT = "report", _("Report document")
        SMHI = "smhi", _("SMHI emissions import")
        NATIONAL_REPORT = "national_report", _("National follow-up report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        READING = "reading", _("Reading and checking the files")
        FETCHING = "fetching", _("Fetching the figures")
        RENDERING = "rendering", _("Rendering the document")
        STORING = "storing", _("Storing the lines")
        FINISHED = "finished", _("Finished")

    # None: national work: an SMHI import, for site administrators only; gathering the national
    # follow-up report, for the programme office's editors.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="jobs", null=True, blank=True
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.WAITING)
    rows_read = models.PositiveBigIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    files_total = models.PositiveIntegerField(default=0)
    # The outcome in the language of the person who started the work.
    language = models.CharField(max_length=10, default="sv")
    summary = models.TextField(blank=True)
    problems = models.JSONField(default=list, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    # A document the job made (a report's PDF or DOCX), under `jobs.services.output_dir`.
    output_name = models.CharField(max_length=200, blank=True)
    output_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        if self.municipality is None:
            return reverse("jobs:national_detail", args=[self.pk])
        return reverse("jobs:detail", args=[self.municipality.code, self.pk])

    def status_url(self) -> str:
        """The fragment the job page polls."""
        if self.municipality is None:
            return reverse("jobs:national_status", args=[self.pk])
        return reverse("jobs:status", args=[self.municipality.code, self.pk])

    def own_municipality(self) -> Municipality:
        """The municipality of a municipal job (every kind but national work has one)."""
        if self.municipality is None:
            raise ValueError(f"job {self.pk} is national work, of no municipality")
        return self.municipality

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class WorkerHeartbeat(models.Model):
    """Each worker process writes its row every few seconds; /healthz reports the latest."""

    worker_id = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} {self.last_seen:%Y-%m-%d %H:%M:%S}"


class ScheduledRun(models.Model):
    """When a scheduled task was last put in the queue; workers share it so it runs once."""

    name = models.CharField(max_length=50, unique=True)
    last_enqueued = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
