from django.urls import path

from klimatkontrakt.jobs import views

app_name = "jobs"
urlpatterns = [
    path("kommun/<str:code>/jobb/<int:pk>/", views.detail, name="detail"),
    path("kommun/<str:code>/jobb/<int:pk>/status/", views.status, name="status"),
    path("kommun/<str:code>/jobb/<int:pk>/fil/", views.output, name="output"),
]
