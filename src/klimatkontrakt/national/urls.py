from django.urls import path

from klimatkontrakt.national import agency_views, experience_views, report_views, views

app_name = "national"
urlpatterns = [
    path("nationellt/", views.index, name="index"),
    path("nationellt/gemensam-del/ny/", views.start_part, name="start_part"),
    path("nationellt/gemensam-del/<int:year>/", views.part_detail, name="part"),
    path("nationellt/gemensam-del/<int:year>/faststall/", views.fix_part, name="fix_part"),
    path(
        "nationellt/gemensam-del/<int:year>/avsnitt/<slug:key>/",
        views.section_edit,
        name="section_edit",
    ),
    path(
        "nationellt/gemensam-del/<int:year>/atagande/ny/",
        views.commitment_edit,
        name="commitment_new",
    ),
    path(
        "nationellt/gemensam-del/<int:year>/atagande/<int:pk>/redigera/",
        views.commitment_edit,
        name="commitment_edit",
    ),
    path(
        "nationellt/gemensam-del/<int:year>/atagande/<int:pk>/ta-bort/",
        views.commitment_delete,
        name="commitment_delete",
    ),
    path("nationellt/atagande/<int:pk>/status/", views.commitment_status, name="status"),
    path("nationellt/uppfoljning/<int:year>/", views.followup, name="followup"),
    path("nationellt/uppfoljning/<int:year>/data/", views.followup_data, name="followup_data"),
    path("nationellt/organisation/<slug:slug>/", views.organisation, name="organisation"),
    path("nationellt/rapport/", report_views.report_list, name="reports"),
    path("nationellt/rapport/ny/", report_views.create, name="report_create"),
    path("nationellt/rapport/<int:year>/", report_views.detail, name="report"),
    path("nationellt/rapport/<int:year>/godkann/", report_views.approve, name="report_approve"),
    path("nationellt/rapport/<int:year>/publicera/", report_views.publish, name="report_publish"),
    path(
        "nationellt/rapport/<int:year>/rapport.<str:fmt>",
        report_views.download,
        name="report_download",
    ),
]
urlpatterns += [
    path("nationellt/organisation/<slug:slug>/finansiering/", agency_views.agency, name="agency"),
    path(
        "nationellt/organisation/<slug:slug>/finansiering/<slug:table>/",
        agency_views.agency_data,
        name="agency_data",
    ),
    path(
        "nationellt/erfarenheter/<int:year>/",
        experience_views.experiences,
        name="experiences",
    ),
]
