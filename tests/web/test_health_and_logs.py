"""`/healthz` and the structured request log (docs/deployment.md, "Health endpoint", "Logs")."""

import json
import logging

import pytest
from django.db import OperationalError

from klimatkontrakt.web.request_log import JsonFormatter

pytestmark = pytest.mark.django_db


def test_health_says_ok_and_that_no_worker_was_seen(client, settings, tmp_path):
    settings.LEDGER_DIR = tmp_path / "ledgers"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "ledger_storage": "ok",
        "task_worker": "not seen",
        "task_worker_last_seen": None,
    }
    assert "no-store" in response["Cache-Control"]
    assert list((tmp_path / "ledgers").iterdir()) == []  # the probe leaves nothing behind


def test_health_reports_the_workers_heartbeat_without_failing_the_web(client, settings, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from klimatkontrakt.jobs.management.commands.worker import beat
    from klimatkontrakt.jobs.models import WorkerHeartbeat

    settings.LEDGER_DIR = tmp_path / "ledgers"
    beat("worker-1")
    seen = WorkerHeartbeat.objects.get().last_seen
    body = client.get("/healthz").json()
    assert body["task_worker"] == "ok"
    assert body["task_worker_last_seen"] == seen.isoformat()
    WorkerHeartbeat.objects.update(last_seen=timezone.now() - timedelta(minutes=3))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["task_worker"] == "stale"


def test_health_fails_when_ledger_storage_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.LEDGER_DIR = blocker / "ledgers"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["ledger_storage"] == "failed"
    assert response.json()["database"] == "ok"
    assert str(blocker) not in response.content.decode()  # the reason goes to the log only


def test_health_fails_when_the_database_does_not_answer(client, monkeypatch):
    from klimatkontrakt.web import health

    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "failed"
    assert response.json()["status"] == "failed"


def _request_lines(caplog) -> list[dict]:
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(r))
        for r in caplog.records
        if r.name == "klimatkontrakt.request"
    ]


def test_one_line_per_request_without_query_string_or_personal_data(
    client, caplog, user_factory, karlstad
):
    user = user_factory(username="anna.andersson", email="anna@karlstad.se")
    client.force_login(user)
    caplog.set_level(logging.INFO, logger="klimatkontrakt.request")
    client.get("/?q=anna.andersson", REMOTE_ADDR="192.0.2.44")
    client.get("/finns-inte/?token=hemligt", REMOTE_ADDR="192.0.2.44")
    client.post("/konto/logga-in/", {"username": "anna.andersson", "password": "fel"})
    lines = _request_lines(caplog)
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [
        ("GET", "/", 200),
        ("GET", "/finns-inte/", 404),
        ("POST", "/konto/logga-in/", 302),  # already logged in: sent on
    ]
    for line in lines:
        assert set(line) == {
            "time", "level", "logger", "message", "event", "method", "path", "status",
            "duration_ms",
        }  # fmt: skip
        assert line["event"] == "request" and line["duration_ms"] >= 0
    text = caplog.text + json.dumps(lines)
    for personal in ("anna", "karlstad.se", "192.0.2.44", "hemligt"):
        assert personal not in text


def test_a_password_reset_link_is_logged_as_its_pattern(client, caplog):
    caplog.set_level(logging.INFO, logger="klimatkontrakt.request")
    client.get("/konto/aterstall/MQ/c0ffee-5ecret/")
    (line,) = _request_lines(caplog)
    assert line["path"] == "/konto/aterstall/<uidb64>/<token>/"
    assert "5ecret" not in caplog.text
