from django.urls import path

from klimatkontrakt.footprint import views

app_name = "footprint"
urlpatterns = [
    path("kommun/<str:code>/inkop/", views.overview, name="overview"),
    path("kommun/<str:code>/inkop/rader/", views.lines, name="lines"),
    path("kommun/<str:code>/inkop/export/", views.export, name="export"),
    path("kommun/<str:code>/inkop/importera/", views.upload, name="upload"),
    path("kommun/<str:code>/inkop/kolumner/", views.mapping, name="mapping"),
    path("kommun/<str:code>/inkop/data/", views.tables, name="tables"),
    path("kommun/<str:code>/inkop/<int:pk>/publicera/", views.publish, name="publish"),
    path(
        "kommun/<str:code>/inkop/<int:pk>/i-rapport/",
        views.include_in_report,
        name="include_in_report",
    ),
    path(
        "kommun/<str:code>/inkop/import/<int:pk>/ta-bort/",
        views.import_delete,
        name="import_delete",
    ),
    path(
        "kommun/<str:code>/inkop/regler/<int:pk>/ta-bort/",
        views.rule_set_delete,
        name="rule_set_delete",
    ),
    path(
        "kommun/<str:code>/inkop/faktorer/<int:pk>/ta-bort/",
        views.factor_set_delete,
        name="factor_set_delete",
    ),
    path(
        "kommun/<str:code>/inkop/aktivitet/<int:year>/ta-bort/",
        views.activity_delete,
        name="activity_delete",
    ),
]
