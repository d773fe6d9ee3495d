"""Every write of the open data: building a release of all files (nightly, on demand, by
command) and asking for one.

A build writes into a hidden folder and renames it into place when every file is written, so a
reader sees the previous release whole or the new one whole, never half; a failed build leaves
no files and the previous release stays current. The two newest finished releases are kept (a
download that began on the older one can finish), older folders are removed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from klimatkontrakt.opendata import package
from klimatkontrakt.opendata.datasets import all_datasets
from klimatkontrakt.opendata.datasets.base import Dataset
from klimatkontrakt.opendata.models import Release
from klimatkontrakt.organisations.access import can_request_open_data
from klimatkontrakt.organisations.models import Municipality

KEEP_RELEASES = 2
HISTORY = 30  # release records kept (with their outcome) for the page's "last builds"


def opendata_dir() -> Path:
    return Path(settings.OPENDATA_DIR)


def request_release(user: Any) -> tuple[Release, bool]:
    """On demand: queue a build for the worker, unless one is already waiting or running (then
    that one is returned, with False). Any signed-in editor of an organisation may ask: a build
    publishes only what is already public."""
    if not can_request_open_data(user):
        raise PermissionDenied
    from klimatkontrakt.opendata.tasks import build_open_data

    with transaction.atomic():
        pending = (
            Release.objects.select_for_update()
            .filter(status__in=[Release.Status.QUEUED, Release.Status.BUILDING])
            .first()
        )
        if pending is not None:
            return pending, False
        release = Release.objects.create(trigger=Release.Trigger.ON_DEMAND)
    build_open_data.enqueue(release.pk)
    return release, True


def build_release(
    trigger: str = Release.Trigger.COMMAND, release: Release | None = None
) -> Release:
    """Write every dataset's files and data packages as a new current release."""
    if release is None:
        release = Release.objects.create(trigger=trigger)
    Release.objects.filter(pk=release.pk).update(status=Release.Status.BUILDING)
    root = opendata_dir()
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".{release.pk}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        manifest = _write_release(tmp, release.pk)
        tmp.rename(root / str(release.pk))
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        Release.objects.filter(pk=release.pk).update(
            status=Release.Status.FAILED, finished=timezone.now(), error=repr(exc)[:2000]
        )
        raise
    Release.objects.filter(pk=release.pk).update(
        status=Release.Status.DONE, finished=timezone.now(), manifest=manifest, error=""
    )
    _prune(root)
    release.refresh_from_db()
    return release


def _prune(root: Path) -> None:
    done = list(
        Release.objects.filter(status=Release.Status.DONE)
        .order_by("-finished")
        .values_list("pk", flat=True)
    )
    keep = {str(pk) for pk in done[:KEEP_RELEASES]}
    for folder in root.iterdir():
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)
    old = Release.objects.order_by("-created").values_list("pk", flat=True)[HISTORY:]
    Release.objects.filter(pk__in=list(old)).delete()


def _years(dataset: Dataset, rows: list[dict[str, Any]]) -> list[int] | None:
    if not dataset.year_field:
        return None
    years = [int(r[dataset.year_field]) for r in rows if r.get(dataset.year_field) is not None]
    return [min(years), max(years)] if years else None


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[dict[str, Any]] = []

    def write(
        self, dataset: Dataset, rows: list[dict[str, Any]], code: str | None
    ) -> list[dict[str, Any]]:
        """Both formats of one dataset (of one municipality); returns their resources."""
        resources = []
        for fmt in package.FORMATS:
            name = f"{dataset.key}.{fmt}"
            relative = f"{code}/{name}" if code else name
            body = package.render(dataset, rows, fmt)
            target = self.folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            digest = hashlib.sha256(body).hexdigest()
            self.files.append(
                {
                    "dataset": dataset.key,
                    "municipality": code,
                    "format": fmt,
                    "path": relative,
                    "bytes": len(body),
                    "rows": len(rows),
                    "sha256": digest,
                }
            )
            # Inside a package the path is relative to the package's own folder.
            resources.append(
                package.resource_descriptor(
                    dataset, fmt, name, size=len(body), sha256=digest, rows=len(rows)
                )
            )
        return resources


def _write_release(folder: Path, release_id: int) -> dict[str, Any]:
    created = timezone.now()
    datasets = all_datasets()
    by_dataset: dict[str, dict[str, list[dict[str, Any]]]] = {}
    everything: dict[str, list[dict[str, Any]]] = {}
    publishers: set[str] = set()
    for dataset in datasets:
        rows = list(dataset.rows(None))
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            package.check_row(dataset, row)
            grouped[str(row["municipality_code"])].append(row)
        everything[dataset.key] = rows
        by_dataset[dataset.key] = grouped
        if dataset.defines_publisher:
            publishers.update(code for code, group in grouped.items() if group)

    writer = _Writer(folder)
    coverage: dict[str, dict[str, list[int] | None]] = {}
    site = settings.SITE_URL
    resources: list[dict[str, Any]] = []
    for dataset in datasets:
        # A dataset without rows has no files (an empty JSON array is no table to a reader).
        if everything[dataset.key]:
            resources += writer.write(dataset, everything[dataset.key], None)
        coverage[dataset.key] = {"": _years(dataset, everything[dataset.key])}
    _write_json(
        folder / "datapackage.json",
        package.package_descriptor(
            name="klimatkontrakt",
            title_sv="Klimatkontrakt 2030: öppna data",
            title_en="Klimatkontrakt 2030: open data",
            description_sv=(
                "Det som kommunerna i denna installation har publicerat om sitt arbete med "
                "Klimatkontrakt 2030: kontrakt och åtaganden, utsläpp och budgetar, indikatorer, "
                "handlingsplaner, investeringsåtgärder, klimatavtryck, lokala klimatkontrakt, "
                "förslag och bidrag."
            ),
            description_en=(
                "What the municipalities of this installation have published about their "
                "Klimatkontrakt 2030 work: contracts and commitments, emissions and budgets, "
                "indicators, action plans, investment measures, footprints, local climate "
                "contracts, proposals and grants."
            ),
            homepage=f"{site}/oppna-data/",
            created=created,
            version=str(release_id),
            resources=resources,
            licences=[d.licence for d in datasets],
        ),
    )
    names = dict(Municipality.objects.filter(code__in=publishers).values_list("code", "name"))
    for code in sorted(publishers):
        municipal: list[dict[str, Any]] = []
        for dataset in datasets:
            rows = by_dataset[dataset.key].get(code, [])
            if rows:
                municipal += writer.write(dataset, rows, code)
            coverage[dataset.key][code] = _years(dataset, rows)
        name = names.get(code, code)
        _write_json(
            folder / code / "datapackage.json",
            package.package_descriptor(
                name=f"klimatkontrakt-{code}",
                title_sv=f"Klimatkontrakt 2030: öppna data för {name}",
                title_en=f"Klimatkontrakt 2030: open data of {name}",
                description_sv=(
                    f"Det som {name} har publicerat om sitt arbete med Klimatkontrakt 2030."
                ),
                description_en=f"What {name} has published about its Klimatkontrakt 2030 work.",
                homepage=f"{site}/oppna-data/?kommun={code}",
                created=created,
                version=str(release_id),
                resources=municipal,
                licences=[d.licence for d in datasets],
            ),
        )
    return {
        "created": created.isoformat(),
        "datasets": [d.key for d in datasets],
        "municipalities": sorted(publishers),
        "files": writer.files,
        "coverage": coverage,
    }


def _write_json(path: Path, content: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
