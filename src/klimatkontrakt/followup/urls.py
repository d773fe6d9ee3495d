from django.urls import path

from klimatkontrakt.followup import plan_views, training_views, views

app_name = "followup"
plans = "kommun/<str:code>/handlingsplaner/"
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
    path("kommun/<str:code>/utbildningar/", training_views.training_list, name="trainings"),
    path("kommun/<str:code>/utbildningar/ny/", training_views.training_new, name="training_new"),
]
