from django.urls import path

from klimatkontrakt.investments import views

app_name = "investments"
P = "kommun/<str:code>/investeringsplan/"
urlpatterns = [
    path(P, views.plans, name="plans"),
    path(P + "ny/", views.plan_edit, name="plan_new"),
    path(P + "<int:plan_id>/", views.overview, name="overview"),
    path(P + "<int:plan_id>/installningar/", views.plan_edit, name="plan_edit"),
    path(P + "<int:plan_id>/atgarder/", views.measure_list, name="measures"),
    path(P + "<int:plan_id>/atgarder/ny/", views.measure_edit, name="measure_new"),
    path(P + "<int:plan_id>/atgarder/<int:pk>/", views.measure_edit, name="measure_edit"),
    path(P + "<int:plan_id>/atgarder/import/", views.measure_import, name="import"),
    path(
        P + "<int:plan_id>/atgarder/import/<int:pk>/ta-bort/",
        views.measure_import_delete,
        name="import_delete",
    ),
    path(P + "<int:plan_id>/atgarder/export/", views.measure_export, name="export"),
    path(P + "<int:plan_id>/finansiering/", views.funding, name="funding"),
    path(P + "<int:plan_id>/optimum/", views.optimum, name="optimum"),
    path(P + "<int:plan_id>/skala-upp/", views.scale_up, name="scale_up"),
    path(P + "<int:plan_id>/data/<slug:table>/", views.table_download, name="table"),
    path(P + "<int:plan_id>/investeringsplan.xlsx", views.ccc_xlsx, name="ccc_xlsx"),
    path(P + "<int:plan_id>/investeringsplan.docx", views.plan_docx, name="docx"),
]
