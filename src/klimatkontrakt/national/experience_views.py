"""“Experiences to share”: the contract cities' section 7.2 texts of a year on one page,
searched and filtered on the server (GET parameters), so it works without JavaScript."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klimatkontrakt.national import experience_selectors
from klimatkontrakt.national.followup import valid_year


def experiences(request: HttpRequest, year: int) -> HttpResponse:
    if not valid_year(year):
        raise Http404("No such year")
    q = request.GET.get("q", "").strip()
    city = request.GET.get("city", "").strip()
    if not (len(city) == 4 and city.isdigit()):
        city = ""
    found = experience_selectors.experiences(request.user, year, q, city)
    return render(
        request,
        "national/experiences.html",
        {"year": year, "q": q, "city": city, "found": found},
    )
