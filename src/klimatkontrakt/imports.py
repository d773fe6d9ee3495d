"""The record every file import keeps: which file, its hash, how many rows, who and when.

Subclasses add the object the file was imported into and a unique (object, sha256) constraint,
which is what makes a second import of the same file a no-op.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models


@dataclass(frozen=True)
class ImportResult:
    """What one table import did (or that the same file was imported before)."""

    filename: str
    created: int
    updated: int
    already_imported: bool

    @property
    def rows(self) -> int:
        return self.created + self.updated


class FileImport(models.Model):
    filename = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows} rows)"
