from django.urls import path

from klimatkontrakt.followup import goal_views, plan_views, training_views, views

app_name = "followup"
plans = "kommun/<str:code>/handlingsplaner/"
trainings = "kommun/<str:code>/utbildningar/"
goals = "kommun/<str:code>/mal/"
urlpatterns = [
    path("kommun/<str:code>/indikatorer/", views.indicator_list, name="indicators"),
    path("kommun/<str:code>/indikatorer/<int:pk>/", views.indicator_detail, name="indicator"),
    path(plans, plan_views.plan_list, name="plans"),
    path(plans + "<int:pk>/", plan_views.plan_detail, name="plan"),
    path(plans + "<int:pk>/aktiviteter.xlsx", plan_views.plan_export, name="plan_export"),
    path(plans + "<int:pk>/import/", plan_views.plan_import, name="plan_import"),
    path(plans + "<int:plan_pk>/ny/", plan_views.action_edit, name="action_new"),
    path(plans + "<int:plan_pk>/<int:pk>/", plan_views.action_detail, name="action"),
    path(plans + "<int:plan_pk>/<int:pk>/redigera/", plan_views.action_edit, name="action_edit"),
    path(
        plans + "<int:plan_pk>/<int:pk>/uppdatera/", plan_views.action_update, name="action_update"
    ),
    path(plans + "<int:plan_pk>/<int:pk>/ta-bort/", plan_views.action_delete, name="action_delete"),
    path(trainings, training_views.training_list, name="trainings"),
    path(trainings + "ny/", training_views.training_edit, name="training_new"),
    path(trainings + "<int:pk>/redigera/", training_views.training_edit, name="training_edit"),
    path(trainings + "<int:pk>/ta-bort/", training_views.training_delete, name="training_delete"),
    path(goals, goal_views.goal_list, name="goals"),
    path(goals + "<int:pk>/", goal_views.goal_detail, name="goal"),
    path(goals + "<int:pk>/publicera/", goal_views.team_publish, name="goal_team_publish"),
    path(goals + "<int:goal_pk>/personer/ny/", goal_views.person_edit, name="goal_person_new"),
    path(
        goals + "<int:goal_pk>/personer/<int:pk>/", goal_views.person_edit, name="goal_person_edit"
    ),
    path(
        goals + "<int:goal_pk>/personer/<int:pk>/ta-bort/",
        goal_views.person_delete,
        name="goal_person_delete",
    ),
]
