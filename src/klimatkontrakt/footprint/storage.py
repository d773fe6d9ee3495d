"""Where the ledgers' stored lines (Parquet files) live: Django's storage `STORAGES["ledgers"]`.

Every write, read, listing and deletion of a ledger's Parquet file goes through this module, so
the files may sit in the local folder settings.LEDGER_DIR (the default) or in an S3-compatible
object store (django-storages' S3 backend, docs/deployment.md#ledger-storage). A stored file is
named `<municipality code>/<content hash>.parquet`, the name `LedgerImport.parquet` records.

DuckDB reads each file where it is: a local path for the file system; for S3, `s3://bucket/key`
through an fsspec file system (s3fs) registered on the DuckDB connection, since DuckDB's own
httpfs extension is downloaded at run time. Any other backend is read from a local copy.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

ALIAS = "ledgers"


class LedgerFileSystemStorage(FileSystemStorage):
    """The local folder; without a `location` option it follows settings.LEDGER_DIR."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(self._value_or_setting(getattr(self, "_location", None), settings.LEDGER_DIR))

    @property  # type: ignore[override]
    def location(self) -> str:
        return str(Path(self.base_location).resolve())


class LedgerStorageError(Exception):
    """A stored ledger file cannot be written where its name says (the message says why)."""


def storage() -> Storage:
    return storages[ALIAS]


def name_for(municipality_code: str, digest: str) -> str:
    return f"{municipality_code}/{digest}.parquet"


def save(name: str, local: Path) -> str:
    """Store a local file under `name` (or a free name beside it); returns the name stored."""
    with Path(local).open("rb") as stream:
        return storage().save(name, File(stream, name=Path(name).name))


def save_exact(name: str, stream: IO[bytes]) -> None:
    """Store under exactly `name` (a restore: the database refers to it)."""
    stored = storage().save(name, File(stream, name=Path(name).name))
    if stored != name:
        storage().delete(stored)
        raise LedgerStorageError(f"the ledger storage already holds {name}")


def open_file(name: str) -> IO[Any]:
    return storage().open(name, "rb")


def delete(name: str) -> None:
    """Remove a stored file; one already gone is no error."""
    storage().delete(name)


def names(prefix: str = "") -> Iterator[str]:
    """Every stored file's name, sorted, leaving out hidden names (staging folders, probes)."""
    store = storage()
    try:
        folders, files = store.listdir(prefix)
    except FileNotFoundError:
        return
    for file_name in sorted(files):
        if not file_name.startswith("."):
            yield f"{prefix}{file_name}"
    for folder in sorted(folders):
        if not folder.startswith("."):
            yield from names(f"{prefix}{folder}/")


def probe() -> None:
    """Write and delete a small object: the health check's "ledger storage writable"."""
    store = storage()
    name = store.save(f".healthz-{secrets.token_hex(8)}", ContentFile(b"ok"))
    store.delete(name)


# Reading with DuckDB ---------------------------------------------------------------------------


def _s3_storage() -> Any | None:
    store = storage()
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:
        return None
    return store if isinstance(store, S3Storage) else None


def filesystem() -> Any | None:
    """The fsspec file system DuckDB reads `s3://` names through (None: local files)."""
    store = _s3_storage()
    if store is None:
        return None
    import s3fs

    client_kwargs = {
        key: value
        for key, value in (("endpoint_url", store.endpoint_url), ("region_name", store.region_name))
        if value
    }
    return s3fs.S3FileSystem(
        key=store.access_key or None,
        secret=store.secret_key or None,
        token=store.security_token or None,
        client_kwargs=client_kwargs,
        # A file stored after the last listing must still be found.
        use_listings_cache=False,
    )


class Reader:
    """The location DuckDB reads each stored file at, valid while the reader is open."""

    def __init__(self) -> None:
        self.store = storage()
        self.s3 = _s3_storage()
        # What a DuckDB connection registers to read `location`s (None: local paths only).
        self.filesystem = filesystem()
        self._copies: tempfile.TemporaryDirectory[str] | None = None

    def location(self, name: str) -> str:
        if self.s3 is not None:
            key = "/".join(part for part in (self.s3.location.strip("/"), name) if part)
            return f"s3://{self.s3.bucket_name}/{key}"
        try:
            return str(self.store.path(name))
        except NotImplementedError:
            return self._local_copy(name)

    def _local_copy(self, name: str) -> str:
        if self._copies is None:
            self._copies = tempfile.TemporaryDirectory(prefix="ledger-copies-")
        target = Path(self._copies.name) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with self.store.open(name, "rb") as source, target.open("wb") as out:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                out.write(chunk)
        return str(target)

    def close(self) -> None:
        if self._copies is not None:
            self._copies.cleanup()
            self._copies = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
