"""The catalogue as RDF/XML (what dataportal.se harvests, the default) or Turtle (`Accept:
text/turtle` or `?format=ttl`). Machine-facing: no page; a missing catalogue is a 404 whose
plain-text body says why."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from rdflib import Graph

from klimatkontrakt.opendata.catalogue import (
    CatalogueUnavailable,
    installation_catalogue,
    municipality_catalogue,
)

RDF_XML = "application/rdf+xml"
TURTLE = "text/turtle"
# Media type → rdflib serialiser; the first is the default.
SERIALISERS = {RDF_XML: "pretty-xml", TURTLE: "turtle"}
FORMAT_PARAMETER = {"rdf": RDF_XML, "xml": RDF_XML, "ttl": TURTLE, "turtle": TURTLE}


def media_type(request: HttpRequest) -> str:
    """`?format=` first, then the Accept header; RDF/XML when neither names one we serve."""
    asked = FORMAT_PARAMETER.get(request.GET.get("format", "").lower())
    if asked:
        return asked
    preferred = request.get_preferred_type(list(SERIALISERS))
    return str(preferred) if preferred else RDF_XML


def _respond(request: HttpRequest, build: Callable[[], Graph]) -> HttpResponse:
    try:
        graph = build()
    except CatalogueUnavailable as missing:
        response = HttpResponse(str(missing), status=404, content_type="text/plain; charset=utf-8")
    else:
        kind = media_type(request)
        body = graph.serialize(format=SERIALISERS[kind], encoding="utf-8")
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
        response["ETag"] = etag
        # Like the files: cacheable for an hour, readable by a browser application elsewhere.
        response["Cache-Control"] = "public, max-age=3600"
        response["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def installation(request: HttpRequest) -> HttpResponse:
    return _respond(request, installation_catalogue)


@require_safe
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    return _respond(request, lambda: municipality_catalogue(code))
