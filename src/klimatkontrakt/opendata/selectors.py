"""Reads of the open data: the current release, its files, who publishes, which years."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.dateparse import parse_datetime

from klimatkontrakt.opendata.models import Release
from klimatkontrakt.opendata.services import opendata_dir
from klimatkontrakt.organisations.models import Municipality


@dataclass(frozen=True)
class PublishedFile:
    dataset: str
    municipality_code: str | None
    format: str
    path: str  # relative to /data/
    bytes: int
    rows: int
    modified: datetime.datetime
    sha256: str = ""


def current_release() -> Release | None:
    """The newest finished build whose folder is on disk."""
    for release in Release.objects.filter(status=Release.Status.DONE).order_by("-finished")[:3]:
        if (opendata_dir() / str(release.pk)).is_dir():
            return release
    return None


def pending_release() -> Release | None:
    """A build waiting for the worker or running now."""
    return (
        Release.objects.filter(status__in=[Release.Status.QUEUED, Release.Status.BUILDING])
        .order_by("created")
        .first()
    )


def last_failure() -> Release | None:
    """The newest build, if it failed (the page says so; the files are the previous ones)."""
    newest = Release.objects.exclude(status=Release.Status.QUEUED).order_by("-created").first()
    return newest if newest is not None and newest.status == Release.Status.FAILED else None


def _modified(release: Release) -> datetime.datetime:
    stamp = release.finished or release.created
    parsed = parse_datetime(release.manifest.get("created", "")) if release.manifest else None
    return parsed or stamp


def published_files(code: str | None = None, release: Release | None = None) -> list[PublishedFile]:
    """The files of the installation (`code` None) or of one municipality, in the registry's
    order, CSV before JSON."""
    release = release or current_release()
    if release is None:
        return []
    modified = _modified(release)
    return [
        PublishedFile(
            dataset=f["dataset"],
            municipality_code=f["municipality"],
            format=f["format"],
            path=f["path"],
            bytes=f["bytes"],
            rows=f["rows"],
            modified=modified,
            sha256=f.get("sha256", ""),
        )
        for f in release.manifest.get("files", [])
        if f["municipality"] == code
    ]


def publishing_municipalities(release: Release | None = None) -> list[Municipality]:
    release = release or current_release()
    if release is None:
        return []
    return list(
        Municipality.objects.filter(code__in=release.manifest.get("municipalities", [])).order_by(
            "name"
        )
    )


def temporal_coverage(
    dataset_key: str, code: str | None = None, release: Release | None = None
) -> tuple[int, int] | None:
    release = release or current_release()
    if release is None:
        return None
    years = release.manifest.get("coverage", {}).get(dataset_key, {}).get(code or "")
    return (int(years[0]), int(years[1])) if years else None


def file_on_disk(relative: str, release: Release | None = None) -> Path | None:
    """The file at `relative` (as under /data/) of the current release, or None: no release,
    no such file, or a path that would leave the release's folder."""
    release = release or current_release()
    if release is None:
        return None
    parts = PurePosixPath(relative).parts
    if not parts or any(p in ("..", ".") or p.startswith(".") for p in parts) or "\\" in relative:
        return None
    folder = (opendata_dir() / str(release.pk)).resolve()
    target = (folder / Path(*parts)).resolve()
    if folder not in target.parents or not target.is_file():
        return None
    return target
