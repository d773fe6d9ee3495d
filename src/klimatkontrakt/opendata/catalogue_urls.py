"""The DCAT-AP-SE catalogues at fixed addresses (issue 19's interface): the installation's at
/datasets/dcat, the address dataportal.se expects by default, and one per publishing
municipality at /datasets/dcat/<code>; the page where its administrators give the catalogue's
facts about it."""

from django.urls import path

from klimatkontrakt.opendata import catalogue_views

urlpatterns = [
    path("datasets/dcat", catalogue_views.installation, name="opendata-dcat"),
    path(
        "kommun/<str:code>/oppna-data/katalog/", catalogue_views.facts, name="opendata-dcat-facts"
    ),
    path(
        "datasets/dcat/<str:code>",
        catalogue_views.municipality,
        name="opendata-dcat-municipality",
    ),
]
