from django.urls import path

from klimatkontrakt.comparison import views

app_name = "comparison"
urlpatterns = [
    path("jamforelse/", views.page, name="page"),
    path("jamforelse/data/", views.data, name="data"),
]
