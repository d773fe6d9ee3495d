from django.urls import path  # noqa: F401

app_name = "funding"

# Grants
grant_patterns: list = []

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
