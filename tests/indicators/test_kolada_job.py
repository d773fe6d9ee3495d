"""The indicators page's "Update the Kolada indicators": a task the worker runs, followed on the
job page; a failed request shows Kolada's answer and changes nothing."""

import pytest
from django_tasks_db.models import DBTaskResult

from klimatkontrakt.indicators.models import IndicatorValue
from klimatkontrakt.jobs.models import Job
from tests.indicators.test_refresh_kolada import _emissions, _serve_two_pages
from tests.jobs.test_background_import import DB_TASKS, run_worker

pytestmark = pytest.mark.django_db


def test_editor_updates_kolada_in_the_background(client, editor, karlstad, kolada, settings):
    settings.TASKS = DB_TASKS
    indicator = _emissions(karlstad)
    _serve_two_pages(kolada)
    client.force_login(editor)
    assert (
        "Uppdatera indikatorerna från Kolada"
        in client.get("/kommun/1780/indikatorer/").content.decode()
    )
    response = client.post("/kommun/1780/indikatorer/kolada/")
    job = Job.objects.get(kind="kolada")
    assert response["Location"] == f"/kommun/1780/jobb/{job.pk}/"
    assert not indicator.values.exists() and kolada.requests == []  # only queued
    run_worker()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(response["Location"]).content.decode()
    assert "Uppdatering från Kolada" in page and "Genomförd" in page
    assert "3 värden nya eller ändrade, 0 oförändrade, 0 borttagna." in page
    assert sorted(indicator.values.values_list("year", flat=True)) == [2019, 2020, 2021]
    assert Job.objects.get(pk=job.pk).rows_read == 4


def test_a_failed_kolada_request_shows_why_and_changes_nothing(client, editor, karlstad, kolada):
    from klimatkontrakt.indicators.models import Indicator

    indicator = _emissions(karlstad)
    Indicator.objects.create(
        municipality=karlstad, name="Kollektivtrafik", unit="resor/inv", direction="up",
        source_kind="kolada", kolada_kpi="N60404", kolada_level="region",
    )  # fmt: skip
    _serve_two_pages(kolada)  # the region's request gets a 404
    client.force_login(editor)
    response = client.post("/kommun/1780/indikatorer/kolada/")
    page = client.get(response["Location"]).content.decode()
    assert "Misslyckades" in page and "Kolada svarade inte som väntat" in page and "404" in page
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_only_editors_may_start_it(client, viewer, karlstad):
    client.force_login(viewer)
    assert client.post("/kommun/1780/indikatorer/kolada/").status_code == 403
    assert "/kolada/" not in client.get("/kommun/1780/indikatorer/").content.decode()
    assert not Job.objects.exists()
