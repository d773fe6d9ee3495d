"""`/healthz`: is this instance able to serve? For load balancers, container health checks and
monitoring (docs/deployment.md, "Health endpoint").

Answers 200 with every check "ok", else 503; the body says which check failed but not why (the
reason goes to the log). `task_worker` tells from the workers' heartbeats whether one is alive
("ok": seen in the last two minutes; "stale"; "not seen") with `task_worker_last_seen`; it does
not change the status, since the web pages still serve without a worker (queued work waits).
"""

import logging
from datetime import timedelta

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _ledger_storage() -> str:
    """Writes and deletes a probe through the ledger storage (the folder or the bucket)."""
    from klimatkontrakt.footprint import storage

    storage.probe()
    return "ok"


CHECKS = {"database": _database, "ledger_storage": _ledger_storage}
# Workers beat every 15 s (jobs.management.commands.worker); eight missed beats is "stale".
WORKER_STALE_AFTER = timedelta(minutes=2)


def _task_worker() -> dict[str, str | None]:
    from klimatkontrakt.jobs.selectors import last_heartbeat

    try:
        seen = last_heartbeat()
    except Exception:
        logger.exception("health check task_worker failed")
        return {"task_worker": "failed", "task_worker_last_seen": None}
    if seen is None:
        return {"task_worker": "not seen", "task_worker_last_seen": None}
    state = "ok" if timezone.now() - seen <= WORKER_STALE_AFTER else "stale"
    return {"task_worker": state, "task_worker_last_seen": seen.isoformat()}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body: dict[str, str | None] = {}
    for name, check in CHECKS.items():
        try:
            body[name] = check()
        except Exception:
            logger.exception("health check %s failed", name)
            body[name] = "failed"
    healthy = all(v == "ok" for v in body.values())
    body.update(_task_worker())
    body = {"status": "ok" if healthy else "failed", **body}
    return JsonResponse(body, status=200 if healthy else 503)
