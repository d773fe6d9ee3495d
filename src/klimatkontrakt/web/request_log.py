"""Structured logs: one line per request, JSON lines in production (docs/deployment.md, "Logs").

A request line holds the method, the path without its query string (a search term or a token
in a query string stays out of the log), the status and the duration in milliseconds. No user
name, e-mail or IP address: the log is not a register of people. A path that carries a secret
(the password-reset link) is logged as its route pattern instead. Background tasks log one line
each when they end, through `log_event` (jobs/task_log.py).
"""

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("klimatkontrakt.request")

# URL names whose path holds a secret: the route pattern is logged instead of the path.
SECRET_PATHS = {"password_reset_confirm"}
# The only record attributes a JSON line may carry besides the message: nothing a caller passes
# by accident (a request object, a user) reaches the log.
FIELDS = (
    "event",
    "method",
    "path",
    "status",
    "duration_ms",
    "task",
    "task_id",
    "job",
    "kind",
    "municipality",
    "rows_read",
)


def log_event(event: str, *, level: int = logging.INFO, **fields: Any) -> None:
    """One structured line, e.g. log_event("task", task="import", status="done", duration_ms=…)."""
    text = " ".join([event, *(f"{k}={v}" for k, v in fields.items())])
    logger.log(level, "%s", text, extra={"event": event, **fields})


def _path(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in SECRET_PATHS:
        return "/" + str(match.route).lstrip("^")
    return request.path


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            log_event(
                "request",
                method=request.method,
                path=_path(request),
                status=status,
                duration_ms=round((time.perf_counter() - start) * 1000, 1),
            )


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
