"""An agency's (or the programme's) page of the cities' measures and actions that name its
funding or programmes, filtered by city, with CSV/XLSX downloads of the shown rows."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klimatkontrakt.contracts import common_selectors
from klimatkontrakt.documents.tables import FORMATS, download
from klimatkontrakt.investments.models import Funding
from klimatkontrakt.national import agency_selectors


def _city(request: HttpRequest) -> str:
    """The city filter: an SCB code (four digits) or '' for every city."""
    city = request.GET.get("city", "").strip()
    return city if len(city) == 4 and city.isdigit() else ""


def agency(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = common_selectors.national_organisation(slug)
    city = _city(request)
    funding = agency_selectors.agency_funding(request.user, organisation, city)
    return render(
        request,
        "national/agency.html",
        {
            "organisation": organisation,
            "funding": funding,
            "city": city,
            "states": Funding.State.choices,
            "formats": FORMATS,
        },
    )


def agency_data(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    if table not in agency_selectors.TABLES:
        raise Http404("No such table")
    organisation = common_selectors.national_organisation(slug)
    funding = agency_selectors.agency_funding(request.user, organisation, _city(request))
    return download(agency_selectors.TABLES[table](funding), request.GET.get("format", "csv"))
