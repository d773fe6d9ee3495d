"""`/healthz`: is this instance able to serve? For load balancers, container health checks and
monitoring (docs/deployment.md, "Health endpoint").

Answers 200 with every check "ok", else 503; the body says which check failed but not why (the
reason goes to the log). The task worker's heartbeat reads "not configured" until a background
worker exists.
"""

import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _ledger_storage() -> str:
    folder = Path(settings.LEDGER_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-") as probe:
        probe.write(b"ok")
        probe.flush()
    return "ok"


CHECKS = {"database": _database, "ledger_storage": _ledger_storage}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            body[name] = check()
        except Exception:
            logger.exception("health check %s failed", name)
            body[name] = "failed"
    healthy = all(v == "ok" for v in body.values())
    body["task_worker"] = "not configured"
    body = {"status": "ok" if healthy else "failed", **body}
    return JsonResponse(body, status=200 if healthy else 503)
