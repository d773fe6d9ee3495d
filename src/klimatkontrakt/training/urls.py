from django.urls import path

from klimatkontrakt.training import views

app_name = "training"
trainings = "kommun/<str:code>/utbildningar/"
urlpatterns = [
    path(trainings, views.training_list, name="list"),
    path(trainings + "ny/", views.training_edit, name="new"),
    path(trainings + "<int:pk>/redigera/", views.training_edit, name="edit"),
    path(trainings + "<int:pk>/ta-bort/", views.training_delete, name="delete"),
]
