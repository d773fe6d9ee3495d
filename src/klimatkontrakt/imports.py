"""Every file a municipality imports: one record of it and one routine that takes it in.

The routine checks the user's role, hashes the content, does nothing when the target already
holds a file with that hash, parses (which refuses a bad file whole with a SourceError), and
stores the rows and the record in one transaction. Each app supplies only its parse and store
steps. The record names the file, its hash, its rows, who and when; subclasses add the object
the file was imported into and a unique (object, sha256) constraint. `import_path` is the
command-line side of the same routine, so it lives here beside it rather than in one app.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils.translation import gettext as _

from klimatkontrakt.audit import context as audit
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change, municipality_of
from klimatkontrakt.organisations.access import recorded_account, require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.errors import SourceError


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


def imported_before(record: type[FileImport], target: Mapping[str, Any], sha256: str) -> bool:
    """Whether `target` (e.g. ``{"plan": plan}``) already holds a file with this hash."""
    return record._default_manager.filter(**target, sha256=sha256).exists()


def record_import[Record: FileImport](
    record: type[Record],
    target: Mapping[str, Any],
    user: Any,
    *,
    filename: str,
    sha256: str,
    rows: int,
    summary: Mapping[str, Any] | None = None,
    **fields: Any,
) -> Record:
    """Store the record, and the import's one entry in the change log (file, rows and
    `summary`); the system actor or an anonymous user is recorded as no one."""
    with audit.quiet():
        stored = record._default_manager.create(
            **target,
            filename=filename[:300],
            sha256=sha256,
            rows=rows,
            imported_by=recorded_account(user),
            **fields,
        )
    log_change(
        user,
        municipality_of(stored),
        ChangeLogEntry.Action.IMPORTED,
        stored,
        after={"filename": filename[:300], "rows": rows, **(summary or {})},
    )
    return stored


def import_file[Row](
    user: Any,
    municipality: Municipality,
    record: type[FileImport],
    target: Mapping[str, Any],
    filename: str,
    content: bytes,
    *,
    parse: Callable[[bytes, str], Sequence[Row]],
    store: Callable[[Sequence[Row]], tuple[int, int]],
    link: Callable[[Any], object] | None = None,
) -> ImportResult:
    """Take a file into `target`, all or nothing; the same file again changes nothing.

    `parse(content, filename)` returns the checked rows or raises SourceError; `store(rows)`
    writes them and returns (created, updated); `link(record)`, in the same transaction, ties
    the rows the file created to its record so that removing the import removes them.
    Commands import as `organisations.access.SYSTEM`.
    """
    require_edit(user, municipality)
    digest = hashlib.sha256(content).hexdigest()
    if imported_before(record, target, digest):
        return ImportResult(filename, 0, 0, already_imported=True)
    rows = parse(content, filename)
    if not rows:
        raise SourceError(_("the file holds no rows to import"), filename)
    with transaction.atomic():
        with audit.quiet():  # one summary entry for the file, not one per row
            created, updated = store(rows)
        stored = record_import(
            record,
            target,
            user,
            filename=filename,
            sha256=digest,
            rows=len(rows),
            summary={"created": created, "updated": updated},
        )
        with audit.quiet():
            if link is not None:
                link(stored)
    return ImportResult(filename, created, updated, already_imported=False)


def import_path(path: Path, take_in: Callable[[bytes, str], ImportResult]) -> ImportResult:
    """A command's import of the file at `path` by `take_in(content, filename)`; a missing or
    refused file stops the command with a CommandError listing the problems."""
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        return take_in(path.read_bytes(), path.name)
    except SourceError as exc:
        raise CommandError("\n".join(exc.messages)) from exc
