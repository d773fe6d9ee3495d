"""The site's URLs plus one view that fails, to see the 500 page a visitor gets."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from klimatkontrakt.urls import urlpatterns as site


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("fel/", fail), *site]
