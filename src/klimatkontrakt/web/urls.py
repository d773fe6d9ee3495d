from django.urls import path

from klimatkontrakt.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("kommun/<str:code>/", views.municipality, name="municipality"),
    path(
        "kommun/<str:code>/synlighet/<str:kind>/<int:pk>/",
        views.visibility,
        name="visibility",
    ),
]
