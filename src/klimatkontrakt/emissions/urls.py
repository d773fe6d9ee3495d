from django.urls import path

from klimatkontrakt.emissions import views

app_name = "emissions"
urlpatterns = [
    path("kommun/<str:code>/utslapp/", views.page, name="page"),
    path("utslapp/smhi/importera/", views.smhi_import, name="smhi_import"),
    path("kommun/<str:code>/utslapp/data/<slug:chart>/", views.chart_data, name="data"),
    path("kommun/<str:code>/utslapp/mal/ny/", views.goal_new, name="goal_new"),
    path("kommun/<str:code>/utslapp/budget/ny/", views.budget_new, name="budget_new"),
]
