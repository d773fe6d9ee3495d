"""gunicorn's settings for production: `gunicorn -c python:klimatkontrakt.gunicorn_conf
klimatkontrakt.wsgi` (docs/deployment.md, "Production server").

Read by gunicorn's master process before any worker starts, so a missing required setting stops
the start with one sentence instead of workers failing one after another.
"""

import multiprocessing
import os

# Checks the environment the way Django will (KLIMATKONTRAKT_SECRET_KEY, ALLOWED_HOSTS in
# production): exits with one sentence when something required is missing.
from klimatkontrakt import settings

bind = os.environ.get("KLIMATKONTRAKT_BIND", "0.0.0.0:8000")  # noqa: S104 - inside a container
# Synchronous workers: 2 per CPU core plus one (5 on two cores), unless set. Each worker holds its
# own copy of the application (~150–250 MB with DuckDB and the chart renderer).
workers = int(os.environ.get("KLIMATKONTRAKT_WORKERS", str(2 * multiprocessing.cpu_count() + 1)))
# Imports from the web still run in the request until background tasks arrive: allow them time.
timeout = int(os.environ.get("KLIMATKONTRAKT_WORKER_TIMEOUT", "300"))
graceful_timeout = 30
# Restart a worker now and then so memory taken by one large ledger is given back.
max_requests = 1000
max_requests_jitter = 100
# The application logs one structured line per request (web/request_log.py) without the
# client's address; gunicorn's own access log would add it, so it stays off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("KLIMATKONTRAKT_LOG_LEVEL", "info").lower()
if settings.LOG_FORMAT == "json":
    # gunicorn's own lines (start, worker boot, worker timeout) as JSON lines too.
    _json_handler = {
        "class": "logging.StreamHandler",
        "formatter": "json",
        "stream": "ext://sys.stderr",
    }
    # Replaces gunicorn's own logging defaults whole: the names it refers to are kept.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "klimatkontrakt.web.request_log.JsonFormatter"}},
        "handlers": {"console": _json_handler, "error_console": _json_handler},
        "root": {"level": loglevel.upper(), "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["error_console"],
                "propagate": False,
                "qualname": "gunicorn.error",
            },
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        },
    }
# Heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# No runtime control socket (gunicorn 27+): nothing uses it, and it would sit in $HOME, which in
# the container is the data volume.
control_socket_disable = True
