from django.urls import path  # noqa: F401

app_name = "funding"

# Grants
from klimatkontrakt.funding.views import grants as grant_views  # noqa: E402

grant_patterns: list = [
    path("kommun/<str:code>/bidrag/", grant_views.portfolio, name="grants"),
    path("kommun/<str:code>/bidrag/data/<slug:key>/", grant_views.table, name="grant_table"),
    path("kommun/<str:code>/bidrag/ny/", grant_views.grant_new, name="grant_new"),
    path("kommun/<str:code>/bidrag/importera/", grant_views.grant_import, name="grant_import"),
    path("kommun/<str:code>/bidrag/<int:pk>/", grant_views.grant_detail, name="grant"),
    path("kommun/<str:code>/bidrag/<int:pk>/granska/", grant_views.review, name="grant_review"),
    path("kommun/<str:code>/bidrag/koncernen/", grant_views.group, name="group"),
    path(
        "kommun/<str:code>/bidrag/koncernen/<int:pk>/ta-bort/",
        grant_views.group_delete,
        name="group_delete",
    ),
    path("nationellt/bidrag/", grant_views.national, name="national_grants"),
    path("nationellt/bidrag/data/<slug:key>/", grant_views.national_table, name="national_table"),
]

# Calls
from klimatkontrakt.funding.views import calls as call_views  # noqa: E402

call_patterns: list = [
    path("utlysningar/", call_views.call_list, name="calls-list"),
    path("utlysningar/ny/", call_views.call_edit, name="calls-new"),
    path("utlysningar/import/", call_views.call_import, name="calls-import"),
    path("utlysningar/mall.csv", call_views.call_template, name="calls-template"),
    path("utlysningar/<int:pk>/", call_views.call_detail, name="calls-detail"),
    path("utlysningar/<int:pk>/andra/", call_views.call_edit, name="calls-edit"),
    path("kommun/<str:code>/utlysningar/", call_views.fitting, name="calls-fitting"),
    path("kommun/<str:code>/utlysningar/kalender.ics", call_views.fitting_ics, name="calls-ics"),
    path(
        "kommun/<str:code>/utlysningar/ansokan/", call_views.application, name="calls-application"
    ),
]

urlpatterns = grant_patterns + call_patterns
