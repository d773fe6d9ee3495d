"""The catalogue as RDF/XML (what dataportal.se harvests, the default) or Turtle (`Accept:
text/turtle` or `?format=ttl`): machine-facing, a missing catalogue is a 404 whose plain-text
body says why. And the page on which a municipality's administrators give the facts its
catalogue needs (organisation number, contact e-mail, website)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from rdflib import Graph

from klimatkontrakt.opendata.catalogue import (
    CatalogueUnavailable,
    installation_catalogue,
    municipality_catalogue,
    municipality_publisher,
)
from klimatkontrakt.opendata.catalogue_forms import CatalogueFactsForm
from klimatkontrakt.opendata.selectors import publishing_municipalities
from klimatkontrakt.organisations.access import can_admin
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.organisations.services import set_catalogue_facts
from klimatkontrakt.web.pages import add_validation_errors, municipality_context

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


@login_required
def facts(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's catalogue facts, for its administrators."""
    muni = municipality_by_code(code)
    if not can_admin(request.user, muni):
        raise PermissionDenied(
            _("Only the municipality's administrators change what its catalogue says about it.")
        )
    org = muni.organisation
    if request.method == "POST":
        form = CatalogueFactsForm(request.POST)
        if form.is_valid():
            try:
                set_catalogue_facts(request.user, muni, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Saved. The catalogue says so at once."))
                return redirect("opendata-dcat-facts", code=muni.code)
    else:
        form = CatalogueFactsForm(
            initial={
                "org_number": org.org_number,
                "open_data_email": org.open_data_email,
                "website": org.website,
            }
        )
    catalogue = settings.SITE_URL + reverse("opendata-dcat-municipality", args=[muni.code])
    publishes = any(m.code == muni.code for m in publishing_municipalities())
    return render(
        request,
        "opendata/catalogue_facts.html",
        municipality_context(
            request,
            muni,
            "open_data_catalogue",
            form=form,
            catalogue=catalogue,
            publishes=publishes,
            has_number=municipality_publisher(muni) is not None,
            cancel=reverse("web:municipality", args=[muni.code]),
        ),
    )
