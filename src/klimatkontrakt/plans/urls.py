from django.urls import path

from klimatkontrakt.plans import views

app_name = "plans"
plans = "kommun/<str:code>/handlingsplaner/"
urlpatterns = [
    path(plans, views.plan_list, name="list"),
    path(plans + "statusar/", views.statuses, name="statuses"),
    path(plans + "<int:pk>/", views.plan_detail, name="detail"),
    path(plans + "<int:pk>/aktiviteter.xlsx", views.plan_export, name="export"),
    path(plans + "<int:pk>/import/", views.plan_import, name="import"),
    path(
        plans + "<int:pk>/import/<int:import_pk>/ta-bort/",
        views.plan_import_delete,
        name="import_delete",
    ),
    path(plans + "<int:plan_pk>/ny/", views.action_edit, name="action_new"),
    path(plans + "<int:plan_pk>/<int:pk>/", views.action_detail, name="action"),
    path(plans + "<int:plan_pk>/<int:pk>/redigera/", views.action_edit, name="action_edit"),
    path(plans + "<int:plan_pk>/<int:pk>/uppdatera/", views.action_update, name="action_update"),
    path(plans + "<int:plan_pk>/<int:pk>/ta-bort/", views.action_delete, name="action_delete"),
]
