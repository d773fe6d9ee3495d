from django.urls import path

from klimatkontrakt.indicators import views

app_name = "indicators"
urlpatterns = [
    path("kommun/<str:code>/indikatorer/", views.indicator_list, name="list"),
    path("kommun/<str:code>/indikatorer/<int:pk>/", views.indicator_detail, name="detail"),
    path("kommun/<str:code>/indikatorer/kolada/", views.kolada_refresh, name="kolada_refresh"),
]
