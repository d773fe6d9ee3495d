"""`klimatkontrakt worker`: the database task worker (django-tasks-db's `db_worker`) with a
heartbeat for /healthz and the weekly schedule (jobs.schedule). All its options are db_worker's."""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from klimatkontrakt.jobs import schedule
from klimatkontrakt.jobs.models import WorkerHeartbeat

logger = logging.getLogger("klimatkontrakt.jobs")
HEARTBEAT_SECONDS = 15


def beat(worker_id: str) -> None:
    """Record that this worker is alive and enqueue what the schedule says is due."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"last_seen": timezone.now()}
    )
    for name in schedule.run_due():
        logger.info("scheduled task enqueued: %s", name)


def _beat_forever(worker_id: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            beat(worker_id)
        except Exception:  # a locked or unreachable database: try again next beat
            logger.exception("worker heartbeat failed")
        finally:
            connection.close()
        stop.wait(HEARTBEAT_SECONDS)


class Command(DbWorkerCommand):
    help = "Run the task worker: background imports and the weekly reminder digest."

    def handle(self, *args: Any, **options: Any) -> None:
        # With autoreload the parent only restarts the child; the child does the work.
        if not options.get("reload") or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
            threading.Thread(
                target=_beat_forever,
                args=(worker_id, threading.Event()),
                name="worker-heartbeat",
                daemon=True,
            ).start()
        super().handle(*args, **options)
