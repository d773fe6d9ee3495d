from django.urls import path

from klimatkontrakt.jobs import views

app_name = "jobs"
urlpatterns = [
    path("kommun/<str:code>/jobb/<int:pk>/", views.detail, name="detail"),
    path("kommun/<str:code>/jobb/<int:pk>/status/", views.status, name="status"),
    path("kommun/<str:code>/jobb/<int:pk>/fil/", views.output, name="output"),
    path("jobb/<int:pk>/", views.national_detail, name="national_detail"),
    path("jobb/<int:pk>/status/", views.national_status, name="national_status"),
]
