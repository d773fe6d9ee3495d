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
]
