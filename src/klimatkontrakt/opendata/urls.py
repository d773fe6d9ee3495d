from django.urls import path

from klimatkontrakt.opendata import views

app_name = "opendata"

urlpatterns = [
    path("oppna-data/", views.index, name="index"),
    path("oppna-data/bygg/", views.request_build, name="build"),
    path("data/datapackage.json", views.datapackage, name="datapackage"),
    path(
        "data/<str:code>/datapackage.json",
        views.municipality_datapackage,
        name="municipality-datapackage",
    ),
    path("data/<path:path>", views.data_file, name="file"),
]
