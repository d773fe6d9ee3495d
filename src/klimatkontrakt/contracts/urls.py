from django.urls import path

from klimatkontrakt.contracts import views

app_name = "contracts"
urlpatterns = [
    path("kommun/<str:code>/kontrakt/", views.contract_latest, name="latest"),
    path("kommun/<str:code>/kontrakt/jamfor/", views.diff, name="diff"),
    path("kommun/<str:code>/kontrakt/statusar/", views.statuses, name="statuses"),
    path("kommun/<str:code>/kontrakt/<int:year>/", views.version_detail, name="version"),
    path("kommun/<str:code>/kontrakt/<int:year>/utskrift/", views.version_print, name="print"),
    path("kommun/<str:code>/kontrakt/<int:year>/kontrakt.docx", views.version_docx, name="docx"),
    path("kommun/<str:code>/kontrakt/<int:year>/signera/", views.sign, name="sign"),
    path("kommun/<str:code>/kontrakt/<int:year>/nasta-ar/", views.start_next, name="next"),
    path(
        "kommun/<str:code>/kontrakt/<int:year>/atagande/ny/",
        views.commitment_edit,
        name="commitment_new",
    ),
    path(
        "kommun/<str:code>/kontrakt/<int:year>/atagande/<int:pk>/",
        views.commitment_detail,
        name="commitment",
    ),
    path(
        "kommun/<str:code>/kontrakt/<int:year>/atagande/<int:pk>/redigera/",
        views.commitment_edit,
        name="commitment_edit",
    ),
    path(
        "kommun/<str:code>/kontrakt/<int:year>/atagande/<int:pk>/ta-bort/",
        views.commitment_delete,
        name="commitment_delete",
    ),
    path(
        "kommun/<str:code>/kontrakt/<int:year>/atagande/<int:pk>/status/",
        views.commitment_status,
        name="commitment_status",
    ),
    path(
        "kommun/<str:code>/kontrakt/<int:year>/avsnitt/<slug:key>/",
        views.section_edit,
        name="section_edit",
    ),
]
