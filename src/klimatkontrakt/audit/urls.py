from django.urls import path

from klimatkontrakt.audit import views

app_name = "audit"
urlpatterns = [
    path("kommun/<str:code>/andringslogg/", views.change_log, name="log"),
]
