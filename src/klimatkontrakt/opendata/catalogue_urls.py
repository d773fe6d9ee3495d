"""The DCAT-AP-SE catalogues at fixed addresses (issue 19's interface): the installation's at
/datasets/dcat, the address dataportal.se expects by default, and one per publishing
municipality at /datasets/dcat/<code>."""

from django.urls import path

from klimatkontrakt.opendata import catalogue_views

urlpatterns = [
    path("datasets/dcat", catalogue_views.installation, name="opendata-dcat"),
    path(
        "datasets/dcat/<str:code>",
        catalogue_views.municipality,
        name="opendata-dcat-municipality",
    ),
]
