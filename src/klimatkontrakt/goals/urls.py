from django.urls import path

from klimatkontrakt.goals import views

app_name = "goals"
goals = "kommun/<str:code>/mal/"
urlpatterns = [
    path(goals, views.goal_list, name="list"),
    path(goals + "<int:pk>/", views.goal_detail, name="detail"),
    path(goals + "<int:pk>/publicera/", views.team_publish, name="publish"),
    path(goals + "<int:goal_pk>/personer/ny/", views.person_edit, name="person_new"),
    path(goals + "<int:goal_pk>/personer/<int:pk>/", views.person_edit, name="person_edit"),
    path(
        goals + "<int:goal_pk>/personer/<int:pk>/ta-bort/",
        views.person_delete,
        name="person_delete",
    ),
]
