"""One `Release` per build of the open data files: when, why, how it went and what it wrote.

The files themselves live on disk under `OPENDATA_DIR/<release id>/` (settings); the manifest
lists each file with its size, rows and hash, each dataset's years, and the municipalities that
publish, so that the page, the data packages and the catalogue read one record.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", _("Nightly")
        ON_DEMAND = "on_demand", _("On demand")
        COMMAND = "command", _("Command")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        BUILDING = "building", _("Building")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created = models.DateTimeField(_("created"), default=timezone.now)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    manifest = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("open data release")
        verbose_name_plural = _("open data releases")

    def __str__(self) -> str:
        return f"{self.pk} {self.status} {self.created:%Y-%m-%d %H:%M}"
