"""One structured log line per background task when it ends, from the worker and from the
immediate backend alike, with no personal data in it (docs/deployment.md, "Logs")."""

from __future__ import annotations

import json
import logging

import pytest

from klimatkontrakt.plans.tasks import send_weekly_reminders
from klimatkontrakt.web.request_log import JsonFormatter
from tests.jobs.test_background_import import run_worker, upload
from tests.sources.ledger_files import write_csv

pytestmark = pytest.mark.django_db


def task_lines(caplog) -> list[dict]:  # type: ignore[no-untyped-def]
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(r))
        for r in caplog.records
        if r.name == "klimatkontrakt.request" and getattr(r, "event", "") == "task"
    ]


def test_a_finished_import_logs_one_line_with_its_job_and_no_personal_data(
    client, user_factory, karlstad, tmp_path, settings, caplog
):
    settings.LEDGER_DIR = tmp_path / "ledgers"
    editor = user_factory(
        username="anna.andersson",
        email="anna.andersson@karlstad.se",
        member_of=karlstad,
        member_of__role="editor",
    )
    client.force_login(editor)
    caplog.set_level(logging.INFO, logger="klimatkontrakt.request")
    upload(client, write_csv(tmp_path / "anna-andersson-reskontra.csv"))
    (line,) = task_lines(caplog)
    assert line["task"] == "klimatkontrakt.footprint.tasks.import_ledger"
    assert line["status"] == "ok" and line["level"] == "INFO"
    assert line["kind"] == "ledger_import" and line["municipality"] == "1780"
    assert line["rows_read"] == 4 and isinstance(line["job"], int)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    text = json.dumps(line)
    assert "anna" not in text.lower() and "reskontra.csv" not in text


def test_a_failed_task_in_the_worker_logs_failed_without_the_files_rows(
    client, editor, karlstad, tmp_path, settings, caplog
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LEDGER_DIR = tmp_path / "ledgers"
    client.force_login(editor)
    bad = tmp_path / "trasig.csv"
    bad.write_text("konto_nr;belopp;datum\n4010;Kalle Svensson;2024-01-01\n", encoding="utf-8")
    upload(client, bad)
    caplog.set_level(logging.INFO, logger="klimatkontrakt.request")
    run_worker()
    (line,) = task_lines(caplog)
    assert line["status"] == "failed" and line["level"] == "WARNING"
    assert line["kind"] == "ledger_import" and line["municipality"] == "1780"
    assert "Kalle" not in json.dumps(line) and "trasig" not in json.dumps(line)


def test_a_task_without_a_job_logs_its_name_status_and_duration(caplog, settings):
    caplog.set_level(logging.INFO, logger="klimatkontrakt.request")
    send_weekly_reminders.enqueue()
    (line,) = task_lines(caplog)
    assert line["task"] == "klimatkontrakt.plans.tasks.send_weekly_reminders"
    assert line["status"] == "ok" and "job" not in line and "municipality" not in line
