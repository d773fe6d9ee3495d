from django.urls import path

from klimatkontrakt.reports import views

app_name = "reports"
urlpatterns = [
    path("kommun/<str:code>/uppfoljning/", views.report_list, name="list"),
    path("kommun/<str:code>/uppfoljning/ny/", views.create, name="create"),
    path("kommun/<str:code>/uppfoljning/<int:year>/", views.detail, name="detail"),
    path("kommun/<str:code>/uppfoljning/<int:year>/godkann/", views.approve, name="approve"),
    path("kommun/<str:code>/uppfoljning/<int:year>/publicera/", views.publish, name="publish"),
    path(
        "kommun/<str:code>/uppfoljning/<int:year>/bakgrund/",
        views.render_in_background,
        name="render_in_background",
    ),
    path(
        "kommun/<str:code>/uppfoljning/<int:year>/rapport.<str:fmt>",
        views.download,
        name="download",
    ),
]
