"""A whole installation in one file, and back: `klimatkontrakt backup` and `restore`.

The archive is a ZIP file holding

- `database.jsonl`: every row of every table, one JSON object a line (Django's serialisation with
  natural keys for content types, permissions and users), which loads into SQLite and PostgreSQL
  alike. Timestamps keep their microseconds (Django's own JSON encoder cuts them to milliseconds).
  Content types and permissions are left out (`migrate` makes them), and so are sessions: people
  log in again after a restore.
- `ledgers/...`: the ledgers' Parquet files, which live outside the database, read from and
  restored through the ledger storage (footprint/storage.py: the local folder or an S3 bucket);
- `media/...`: uploaded files (settings.MEDIA_ROOT);
- `manifest.json`: the release, the database migrations, the rows per table and each file's size
  and SHA-256.

A restore checks the manifest and every checksum before it writes anything, then loads the rows
and moves the files into place in one transaction: all or nothing, and only into an empty
installation. See docs/deployment.md#backup-and-restore.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from klimatkontrakt import __version__
from klimatkontrakt.footprint import storage as ledger_storage

FORMAT = "klimatkontrakt-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
# Made by `migrate` in every installation (and referred to by natural key), or not worth keeping.
LEFT_OUT = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup that cannot be written, or an archive that cannot be restored (the message says
    why in one sentence)."""


@dataclass
class Summary:
    rows: int
    tables: int
    ledger_files: int
    media_files: int


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but times and timestamps keep their microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _models() -> list[type[models.Model]]:
    """Every model with a table of its own, in an order that loads (natural keys first)."""
    by_app: dict[Any, list[type[models.Model]]] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in LEFT_OUT:
            continue
        by_app.setdefault(meta.app_config, []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


LEDGERS = "ledgers"
# The archive's folders: the ledger storage's files, and the folders copied as they are.
PREFIXES = (LEDGERS, "media")


def _file_dirs() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT)}


def _files_under(root: Path) -> Iterator[Path]:
    """Files below root, leaving out hidden staging folders (an import in progress)."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            yield Path(dirpath) / name


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _copy_hashed(source: IO[bytes], target: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while block := source.read(CHUNK):
        digest.update(block)
        target.write(block)
        size += len(block)
    return digest.hexdigest(), size


# Backup -----------------------------------------------------------------------------------------


def write_backup(out: Path) -> Summary:
    """Write the installation to `out` (refused if it exists); the file appears only when whole."""
    if out.exists():
        raise BackupError(f"{out} already exists; give the backup a new file name.")
    if not MigrationRecorder(connection).has_table():
        raise BackupError("The database has no tables yet: there is nothing to back up.")
    partial = out.with_name(out.name + ".partial")
    files: list[dict[str, Any]] = []
    try:
        with (
            tempfile.TemporaryDirectory(prefix="klimatkontrakt-backup-") as tmp,
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
        ):
            dump = Path(tmp) / DATABASE
            rows, referenced = _dump_database(dump)
            files.append(_add(archive, DATABASE, dump))
            stored: set[str] = set()
            counts = {LEDGERS: 0}
            for name in ledger_storage.names():
                with ledger_storage.open_file(name) as source:
                    files.append(_add_stream(archive, f"{LEDGERS}/{name}", source))
                stored.add(f"{LEDGERS}/{name}")
                counts[LEDGERS] += 1
            for prefix, root in _file_dirs().items():
                counts[prefix] = 0
                for path in _files_under(root):
                    relative = path.relative_to(root).as_posix()
                    files.append(_add(archive, f"{prefix}/{relative}", path))
                    stored.add(f"{prefix}/{relative}")
                    counts[prefix] += 1
            missing = sorted(f"ledgers/{p}" for p in referenced if f"ledgers/{p}" not in stored)
            if missing:
                raise BackupError(
                    f"The ledger file {missing[0]} recorded in the database is missing from "
                    "the ledger storage (deleted while the backup ran?); run the backup again."
                )
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created": timezone.now().isoformat(),
                "klimatkontrakt_version": __version__,
                "database_vendor": connection.vendor,
                "migrations": _applied_migrations(),
                "rows": rows,
                "files": files,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return Summary(sum(rows.values()), len(rows), counts["ledgers"], counts["media"])


def _dump_database(path: Path) -> tuple[dict[str, int], list[str]]:
    """Every table's rows from one consistent reading of the database."""
    from klimatkontrakt.footprint.models import LedgerImport

    rows: dict[str, int] = {}
    with transaction.atomic(), path.open("w", encoding="utf-8", newline="\n") as stream:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # SQLite: the transaction holds the write lock, so writes wait until the dump is done.
        for model in _models():
            queryset = model._base_manager.order_by("pk")
            rows[model._meta.label_lower] = queryset.count()
            serializers.serialize(
                "jsonl",
                queryset.iterator(chunk_size=2000),
                stream=stream,
                cls=_Encoder,
                use_natural_foreign_keys=True,
            )
        referenced = list(LedgerImport.objects.values_list("parquet", flat=True))
    return rows, referenced


def _add(archive: zipfile.ZipFile, name: str, path: Path) -> dict[str, Any]:
    with path.open("rb") as source:
        return _add_stream(archive, name, source)


def _add_stream(archive: zipfile.ZipFile, name: str, source: IO[bytes]) -> dict[str, Any]:
    with archive.open(name, "w", force_zip64=True) as target:
        digest, size = _copy_hashed(source, target)
    return {"path": name, "bytes": size, "sha256": digest}


# Restore ----------------------------------------------------------------------------------------


def restore_backup(path: Path) -> Summary:
    """Restore the archive into this installation, which must be empty: all or nothing."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path} is not a Klimatkontrakt backup: {exc}") from exc
    with archive:
        manifest = _read_manifest(archive, path)
        _check_migrations(manifest)
        _require_empty()
        with tempfile.TemporaryDirectory(prefix="klimatkontrakt-restore-") as tmp:
            database = Path(tmp) / DATABASE
            staged = {prefix: _staging_dir(root) for prefix, root in _file_dirs().items()}
            # Ledger files wait in the temporary folder; the storage receives them in _load.
            staged[LEDGERS] = Path(tmp) / LEDGERS
            try:
                _extract_verified(archive, path, manifest, database, staged)
                call_command("migrate", interactive=False, verbosity=0)
                _load(database, staged)
            finally:
                for folder in staged.values():
                    shutil.rmtree(folder, ignore_errors=True)
    rows = manifest["rows"]
    counts = dict.fromkeys(PREFIXES, 0)
    for entry in manifest["files"]:
        prefix = entry["path"].split("/", 1)[0]
        if prefix in counts:
            counts[prefix] += 1
    return Summary(sum(rows.values()), len(rows), counts["ledgers"], counts["media"])


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError(
            f"{path} has no readable {MANIFEST}: not a Klimatkontrakt backup."
        ) from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is not a Klimatkontrakt backup of format version {FORMAT_VERSION}."
        )
    listed = {entry["path"] for entry in manifest["files"]}
    in_archive = set(archive.namelist()) - {MANIFEST}
    if extra := sorted(in_archive - listed):
        raise BackupError(f"{path} holds {extra[0]}, which its manifest does not list.")
    if missing := sorted(listed - in_archive):
        raise BackupError(f"{path} lacks {missing[0]}, which its manifest lists.")
    if DATABASE not in listed:
        raise BackupError(f"{path} holds no {DATABASE}.")
    for name in listed:
        parts = PurePosixPath(name).parts
        safe = name == DATABASE or (
            len(parts) > 1 and parts[0] in PREFIXES and ".." not in parts and "" not in parts
        )
        if not safe or name.startswith("/"):
            raise BackupError(f"{path} holds a file with a name that is not allowed: {name}")
    return dict(manifest)


def _check_migrations(manifest: dict[str, Any]) -> None:
    """The backup's tables must be this release's: same migrations, no more and no fewer."""
    theirs = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    ours = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    differ = sorted(theirs ^ ours)
    if differ:
        app, name = differ[0]
        raise BackupError(
            f"The backup was made by Klimatkontrakt {manifest['klimatkontrakt_version']} with "
            f"other database migrations than this release's (first difference: {app} {name}). "
            "Restore it with the release that made it, then upgrade."
        )


def _require_empty() -> None:
    tables = set(connection.introspection.table_names())
    for model in _models():
        if model._meta.db_table in tables and model._base_manager.exists():
            raise BackupError(
                "This installation is not empty: its database has rows in "
                f"{model._meta.db_table}. Restore only into a new installation (a new database "
                "and an empty KLIMATKONTRAKT_VAR_DIR); nothing was changed."
            )
    if next(ledger_storage.names(), None) is not None:
        raise BackupError(
            "This installation is not empty: its ledger storage holds files. Restore only into "
            "a new installation (a new database, an empty KLIMATKONTRAKT_VAR_DIR and an empty "
            "ledger storage); nothing was changed."
        )
    for root in _file_dirs().values():
        if root.exists() and any(root.iterdir()):
            raise BackupError(
                f"This installation is not empty: {root} holds files. Restore only into a new "
                "installation (a new database and an empty KLIMATKONTRAKT_VAR_DIR); nothing was "
                "changed."
            )


def _staging_dir(root: Path) -> Path:
    """A hidden folder beside root, on the same file system, so the last step is a rename
    (made with mkdir, not mkdtemp, so that it gets the usual permissions)."""
    root.parent.mkdir(parents=True, exist_ok=True)
    folder = root.parent / f".restore-{root.name}-{secrets.token_hex(6)}"
    folder.mkdir()
    return folder


def _extract_verified(
    archive: zipfile.ZipFile,
    path: Path,
    manifest: dict[str, Any],
    database: Path,
    staged: dict[str, Path],
) -> None:
    """Unpack every file, checking its size and SHA-256 against the manifest."""
    for entry in manifest["files"]:
        name = entry["path"]
        if name == DATABASE:
            target = database
        else:
            prefix, relative = name.split("/", 1)
            target = staged[prefix] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(name) as source, target.open("wb") as out:
            digest, size = _copy_hashed(source, out)
        if digest != entry["sha256"] or size != entry["bytes"]:
            raise BackupError(
                f"{name} in {path} does not match its checksum in the manifest: the archive is "
                "damaged. Nothing was restored."
            )


def _insert_rows(database: Path) -> None:
    """The archive's rows, inserted as they were written (`loaddata` without its cost).

    `loaddata` saves row by row: an UPDATE tried before each INSERT and the save signals for
    each row, whose page-cache receivers write a file each. Restoring into an empty installation
    needs neither: the rows go in by table in batches, raw (no field fills in a value, so
    `auto_now` times stay as they were), constraints checked once at the end, sequences moved
    past the restored ids as `loaddata` moves them, and the page cache told once."""
    from django.core.management.color import no_style

    from klimatkontrakt.web.cache import bump

    seen: list[type[models.Model]] = []
    batch: list[Any] = []
    deferred: list[Any] = []

    def flush() -> None:
        if not batch:
            return
        model = type(batch[0].object)
        fields = list(model._meta.local_concrete_fields)
        size = connection.ops.bulk_batch_size(fields, [b.object for b in batch]) or len(batch)
        for start in range(0, len(batch), size):
            chunk = [b.object for b in batch[start : start + size]]
            model._base_manager._insert(chunk, fields=fields, raw=True)  # type: ignore[attr-defined]
        for item in batch:
            for name, targets in (item.m2m_data or {}).items():
                field = model._meta.get_field(name)
                through = field.remote_field.through  # type: ignore[union-attr]
                source = field.m2m_field_name() + "_id"  # type: ignore[union-attr]
                target = field.m2m_reverse_field_name() + "_id"  # type: ignore[union-attr]
                through._base_manager.bulk_create(
                    [through(**{source: item.object.pk, target: t}) for t in targets]
                )
        batch.clear()

    with connection.constraint_checks_disabled(), database.open(encoding="utf-8") as stream:
        for item in serializers.deserialize("jsonl", stream, handle_forward_references=True):
            if batch and type(item.object) is not type(batch[0].object):
                flush()
            if type(item.object) not in seen:
                seen.append(type(item.object))
            batch.append(item)
            if item.deferred_fields:
                deferred.append(item)
        flush()
    for item in deferred:
        item.save_deferred_fields()
    connection.check_constraints(table_names=[m._meta.db_table for m in seen])
    statements = connection.ops.sequence_reset_sql(no_style(), seen)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    bump(None)


def _load(database: Path, staged: dict[str, Path]) -> None:
    """The rows in one transaction; the files moved into place before it commits."""
    placed: list[Path] = []
    saved: list[str] = []
    try:
        with transaction.atomic():
            _insert_rows(database)
            folder = staged[LEDGERS]
            for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
                if path.is_file():
                    name = path.relative_to(folder).as_posix()
                    with path.open("rb") as stream:
                        ledger_storage.save_exact(name, stream)
                    saved.append(name)
            for prefix, root in _file_dirs().items():
                if root.exists():
                    root.rmdir()  # empty, checked before
                os.replace(staged[prefix], root)
                placed.append(root)
    except Exception:
        for name in saved:
            ledger_storage.delete(name)
        for root in placed:
            shutil.rmtree(root, ignore_errors=True)
        raise
