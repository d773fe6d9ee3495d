from django.contrib import admin
from django.urls import include, path

from klimatkontrakt.api import api, current_version_urls
from klimatkontrakt.web.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("konto/", include("klimatkontrakt.web.account_urls")),
    # The versioned API (canonical, in the schema) and `/api/` serving the current version too.
    path("api/v1/", api.urls),
    path("api/", current_version_urls()),
    path("", include("klimatkontrakt.contracts.urls")),
    path("", include("klimatkontrakt.emissions.urls")),
    path("", include("klimatkontrakt.investments.urls")),
    path("", include("klimatkontrakt.indicators.urls")),
    path("", include("klimatkontrakt.plans.urls")),
    path("", include("klimatkontrakt.training.urls")),
    path("", include("klimatkontrakt.goals.urls")),
    path("", include("klimatkontrakt.reports.urls")),
    path("", include("klimatkontrakt.footprint.urls")),
    path("", include("klimatkontrakt.jobs.urls")),
    path("", include("klimatkontrakt.audit.urls")),
    path("", include("klimatkontrakt.comparison.urls")),
    path("", include("klimatkontrakt.national.urls")),
    path("", include("klimatkontrakt.engagement.urls")),
    path("", include("klimatkontrakt.funding.urls")),
    path("", include("klimatkontrakt.opendata.urls")),
    path("", include("klimatkontrakt.opendata.catalogue_urls")),
    path("", include("klimatkontrakt.web.urls")),
]
