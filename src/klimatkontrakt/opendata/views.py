"""The "Öppna data" page, the files under /data/, and asking for a build now."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from klimatkontrakt.opendata import selectors, services
from klimatkontrakt.opendata.catalogue import installation_publisher, municipality_publisher
from klimatkontrakt.opendata.datasets import all_datasets
from klimatkontrakt.opendata.models import Release
from klimatkontrakt.organisations.access import can_request_open_data

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
}
# Files change at most once a night or on a build; a reader rechecks within the hour.
MAX_AGE = 3600


@require_http_methods(["GET", "HEAD"])
def data_file(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    release = selectors.current_release()
    target = selectors.file_on_disk(path, release) if release else None
    if release is None or target is None:
        raise Http404(_("No such open data file."))
    listed = next((f["sha256"] for f in release.manifest.get("files", []) if f["path"] == path), "")
    digest = listed or hashlib.sha256(target.read_bytes()).hexdigest()
    etag = f'"{digest[:32]}"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={MAX_AGE}"}
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse | FileResponse = HttpResponseNotModified()
    else:
        response = FileResponse(
            target.open("rb"),
            content_type=CONTENT_TYPES.get(target.suffix, "application/octet-stream"),
        )
    for key, value in headers.items():
        response[key] = value
    response["Access-Control-Allow-Origin"] = "*"
    return response


def datapackage(request: HttpRequest) -> HttpResponse | FileResponse:
    return data_file(request, "datapackage.json")


def municipality_datapackage(request: HttpRequest, code: str) -> HttpResponse | FileResponse:
    return data_file(request, f"{code}/datapackage.json")


def _rows(release: Release, code: str | None) -> list[dict[str, Any]]:
    """One row per dataset: its names, licence, years and its two files."""
    files = selectors.published_files(code, release)
    language = get_language() or "sv"
    out = []
    for dataset in all_datasets():
        mine = {f.format: f for f in files if f.dataset == dataset.key}
        csv_file = mine.get("csv")
        out.append(
            {
                "dataset": dataset,
                "title": dataset.title(language),
                "description": dataset.description(language),
                "source": dataset.source_en if language == "en" else dataset.source_sv,
                "files": [mine[fmt] for fmt in ("csv", "json") if fmt in mine],
                "rows": csv_file.rows if csv_file else 0,
                "years": selectors.temporal_coverage(dataset.key, code, release),
            }
        )
    return out


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    release = selectors.current_release()
    municipalities = selectors.publishing_municipalities(release)
    code = request.GET.get("kommun", "")
    chosen = next((m for m in municipalities if m.code == code), None)
    may_build = can_request_open_data(request.user)
    context = {
        "release": release,
        "municipalities": municipalities,
        "chosen": chosen,
        "asked_for_unknown": bool(code) and chosen is None,
        "rows": _rows(release, chosen.code if chosen else None) if release else [],
        "package_url": (
            f"/data/{chosen.code}/datapackage.json" if chosen else "/data/datapackage.json"
        ),
        "has_catalogue": (municipality_publisher(chosen) if chosen else installation_publisher())
        is not None,
        "may_build": may_build,
        "pending": selectors.pending_release() if may_build else None,
        "failure": selectors.last_failure() if may_build else None,
    }
    return render(request, "opendata/index.html", context)


@require_POST
def request_build(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        _release, queued = services.request_release(request.user)
    except PermissionDenied:
        raise PermissionDenied(
            _("Only editors of an organisation in Klimatkontrakt rebuild the open data.")
        ) from None
    if queued:
        messages.success(
            request,
            _("The open data files will be rebuilt by the task worker; this page shows when."),
        )
    else:
        messages.info(request, _("A rebuild is already under way."))
    return redirect("opendata:index")
