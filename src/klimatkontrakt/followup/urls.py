from django.urls import path

from klimatkontrakt.followup import views

app_name = "followup"
urlpatterns = [
    path("kommun/<str:code>/indikatorer/", views.indicator_list, name="indicators"),
    path("kommun/<str:code>/indikatorer/<int:pk>/", views.indicator_detail, name="indicator"),
]
