"""Django settings. Everything deployment-specific comes from environment variables.

KLIMATKONTRAKT_ENV=production switches on the production defaults (see docs/deployment.md).
"""

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent
# var/ beside the checkout in development; override with KLIMATKONTRAKT_VAR_DIR.
VAR_DIR = Path(os.environ.get("KLIMATKONTRAKT_VAR_DIR", BASE_DIR.parent.parent / "var"))

VAR_DIR.mkdir(parents=True, exist_ok=True)

ENV = os.environ.get("KLIMATKONTRAKT_ENV", "development")
PRODUCTION = ENV == "production"
# Off unless asked for (KLIMATKONTRAKT_DEBUG=1), also under `make run`: a visitor gets the site's
# own 404, 403 and 500 pages, never Django's debug page with the URL patterns.
DEBUG = os.environ.get("KLIMATKONTRAKT_DEBUG", "0") == "1"
# The demo creates its editor account, with a known password, only outside production.
DEMO_ACCOUNT = not PRODUCTION


def _required(name: str, meaning: str) -> str:
    """A production setting without a default: missing, the start stops with one sentence."""
    value = os.environ.get(name, "").strip()
    if not value:
        sys.exit(
            f"Klimatkontrakt cannot start in production: set {name} to {meaning} "
            "(see docs/deployment.md)."
        )
    return value


if PRODUCTION:
    SECRET_KEY = _required(
        "KLIMATKONTRAKT_SECRET_KEY", "a long random string, e.g. the output of openssl rand -hex 32"
    )
    ALLOWED_HOSTS = [
        h
        for h in _required(
            "KLIMATKONTRAKT_ALLOWED_HOSTS", "the site's host names, separated by commas"
        ).split(",")
        if h
    ]
else:
    SECRET_KEY = os.environ.get(
        "KLIMATKONTRAKT_SECRET_KEY", "development-only-key-not-secret-0123456789abcdefghij"
    )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]

CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("KLIMATKONTRAKT_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    # Serves /api/docs with Swagger UI from its own static files instead of a CDN.
    "ninja",
    # The database task backend and its `db_worker`; the `worker` command wraps it.
    "django_tasks_db",
    "klimatkontrakt.web",
    "klimatkontrakt.organisations",
    "klimatkontrakt.audit",
    "klimatkontrakt.contracts",
    "klimatkontrakt.emissions",
    # Before investments: the demo loads apps in this order and the pilot plan's BAU comes
    # from the footprint demo.
    "klimatkontrakt.footprint",
    "klimatkontrakt.investments",
    "klimatkontrakt.followup",
    "klimatkontrakt.indicators",
    "klimatkontrakt.comparison",
    "klimatkontrakt.national",
    "klimatkontrakt.plans",
    "klimatkontrakt.training",
    "klimatkontrakt.goals",
    # After plans, investments and indicators: its demo links pledges and proposals to them.
    "klimatkontrakt.engagement",
    # After investments and national: grants feed measures' funding and the national view.
    "klimatkontrakt.funding",
    # Last: the demo report gathers what the other apps' demos loaded.
    "klimatkontrakt.reports",
    "klimatkontrakt.jobs",
    # After every app whose published data it reads.
    "klimatkontrakt.opendata",
]

# Long work (ledger imports from the web, the weekly reminder digest) runs as tasks in the
# database, taken by `klimatkontrakt worker` (see docs/deployment.md); no broker needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    # First: it times and logs every response, static files and refusals included.
    "klimatkontrakt.web.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "klimatkontrakt.web.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "klimatkontrakt.web.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "klimatkontrakt.web.middleware.SwedishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body: an oversized upload gets a readable 413.
    "klimatkontrakt.web.uploads.RequestSizeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication, around the token check: the API's rate limits, ETag/304,
    # Cache-Control and Vary (/api/ only), also on a refused token's 401.
    "klimatkontrakt.web.api_http.ApiHttpMiddleware",
    # API requests with `Authorization: Bearer`: the token's user instead of the session's.
    "klimatkontrakt.organisations.tokens.BearerTokenMiddleware",
    # After authentication: the change log records writes in the name of the request's user.
    "klimatkontrakt.audit.context.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The JSON API's rate limits (docs/api.md, "Rate limits"): requests per window per logged-in
# user or token, and per address for anonymous use. Counted in the default cache.
API_RATE_LIMIT_AUTHENTICATED = int(os.environ.get("KLIMATKONTRAKT_API_RATE_AUTHENTICATED", "600"))
API_RATE_LIMIT_ANONYMOUS = int(os.environ.get("KLIMATKONTRAKT_API_RATE_ANONYMOUS", "120"))
API_RATE_WINDOW_SECONDS = 60

# Uploads (docs/deployment.md, "Limits on uploads"). One file at most this size: room for a
# 1 M-line ledger in the national layout (213 MB as bench/ledger_gen.py writes it) twice over.
MAX_UPLOAD_BYTES = int(float(os.environ.get("KLIMATKONTRAKT_MAX_UPLOAD_MB", "512")) * (1 << 20))
# One request: a few files of the ledger upload together, answered 413 beyond.
MAX_REQUEST_BYTES = int(
    float(os.environ.get("KLIMATKONTRAKT_MAX_REQUEST_MB", str(4 * MAX_UPLOAD_BYTES / (1 << 20))))
    * (1 << 20)
)
# Form fields other than files (Django's default), and files kept in memory below this size
# (larger ones are written to a temporary file as they arrive).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "klimatkontrakt.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klimatkontrakt.web.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "klimatkontrakt.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'klimatkontrakt.sqlite3'}",
        conn_max_age=int(os.environ.get("KLIMATKONTRAKT_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # No persistent connections for SQLite. WAL lets readers go on while one request writes; a
    # write transaction takes the write lock when it begins (IMMEDIATE), so concurrent writers wait
    # their turn for up to the busy timeout instead of failing with "database is locked" when a
    # read transaction tries to become a writer after another wrote.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": float(os.environ.get("KLIMATKONTRAKT_SQLITE_BUSY_TIMEOUT", "20")),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Login throttling (django-axes). Failures are counted three ways, and reaching the limit in any
# one of them locks: an account from one address, one address whatever the user names (one password
# tried against many accounts), and one account whatever the addresses (an attack spread over many
# addresses). See docs/deployment.md, "Login throttling".
AXES_FAILURE_LIMIT = int(os.environ.get("KLIMATKONTRAKT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address: REMOTE_ADDR, or behind the TLS proxy the address that proxy wrote into the
# configured header (never a header a client can set on its own): web/security.py.
AXES_CLIENT_IP_CALLABLE = "klimatkontrakt.web.security.client_address"
TRUSTED_PROXY_HEADER = os.environ.get("KLIMATKONTRAKT_TRUSTED_PROXY_HEADER", "").strip()
TRUSTED_PROXY_COUNT = int(os.environ.get("KLIMATKONTRAKT_TRUSTED_PROXY_COUNT", "1"))
# Failed logins are kept in the database (admin: Axes' access attempts and failures), not written
# to the log with the user name and address.
AXES_VERBOSE = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates follow the interface language: 2026-12-05 in Swedish, 5 Dec 2026 in English.
FORMAT_MODULE_PATH = ["klimatkontrakt.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic's target; the container image keeps it outside the data volume
# (KLIMATKONTRAKT_STATIC_ROOT), so a new image brings its own files.
STATIC_ROOT = Path(os.environ.get("KLIMATKONTRAKT_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves static files straight from the apps, so the development
# server needs neither DEBUG nor collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Source maps (the API docs' bundles ship 7 MB of them) are fetched only by a browser's developer
# tools: served as they are, not compressed twice over at every collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "map",
)
MEDIA_ROOT = VAR_DIR / "media"
# The local folder of the ledgers' Parquet files, and where imports and uploads are staged.
LEDGER_DIR = VAR_DIR / "ledgers"
# The open data files, one folder per build (opendata/, docs/opendata.md); rebuilt from the
# database, so not in a backup.
OPENDATA_DIR = Path(os.environ.get("KLIMATKONTRAKT_OPENDATA_DIR", VAR_DIR / "opendata"))
# Ledger storage (footprint/storage.py, docs/deployment.md#ledger-storage): LEDGER_DIR, or an
# S3-compatible bucket when KLIMATKONTRAKT_LEDGER_S3_BUCKET is set (needs the `s3` extra).
LEDGER_S3_BUCKET = os.environ.get("KLIMATKONTRAKT_LEDGER_S3_BUCKET", "")
STORAGES["ledgers"] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": LEDGER_S3_BUCKET,
            "location": os.environ.get("KLIMATKONTRAKT_LEDGER_S3_PREFIX", "").strip("/"),
            "endpoint_url": os.environ.get("KLIMATKONTRAKT_LEDGER_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("KLIMATKONTRAKT_LEDGER_S3_REGION") or None,
            "access_key": os.environ.get("KLIMATKONTRAKT_LEDGER_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("KLIMATKONTRAKT_LEDGER_S3_SECRET_ACCESS_KEY") or None,
            # Two ledgers holding the same file keep two objects: never overwrite one.
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    if LEDGER_S3_BUCKET
    else {"BACKEND": "klimatkontrakt.footprint.storage.LedgerFileSystemStorage"}
)
CACHE_DIR = VAR_DIR / "cache"
# Django's cache: the rendered content of heavy pages and the data versions it is keyed by
# (web/cache.py). Files under var/ work across gunicorn's workers and the task worker, which share
# var/, without a further service (docs/decisions.md, "Page cache"). Old versions' entries are
# never read again; they expire or are culled.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_DIR / "pages",
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    },
    "versions": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_DIR / "versions",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 100000},
    },
}
# Where `fetch-smhi` downloads SMHI's national report from (overridable for mirrors and tests).
SMHI_BASE_URL = os.environ.get(
    "KLIMATKONTRAKT_SMHI_BASE_URL", "https://nationellaemissionsdatabasen.smhi.se"
)

# Kolada API v3 (indicators: fetch-kolada). Responses are cached on disk for KOLADA_MAX_AGE seconds.
KOLADA_BASE_URL = os.environ.get("KLIMATKONTRAKT_KOLADA_URL", "https://api.kolada.se/v3")
KOLADA_CACHE_DIR = CACHE_DIR / "kolada"
KOLADA_TIMEOUT = float(os.environ.get("KLIMATKONTRAKT_KOLADA_TIMEOUT", "30"))
KOLADA_MAX_AGE = float(os.environ.get("KLIMATKONTRAKT_KOLADA_MAX_AGE", str(24 * 3600)))

# Django 6.1 mailers: SMTP in production, the console in development (mail is printed).
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("KLIMATKONTRAKT_EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("KLIMATKONTRAKT_EMAIL_PORT", "25")),
                "username": os.environ.get("KLIMATKONTRAKT_EMAIL_USER", ""),
                "password": os.environ.get("KLIMATKONTRAKT_EMAIL_PASSWORD", ""),
                "use_tls": os.environ.get("KLIMATKONTRAKT_EMAIL_TLS", "1") == "1",
            },
        }
        if PRODUCTION
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("KLIMATKONTRAKT_FROM_EMAIL", "klimatkontrakt@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("KLIMATKONTRAKT_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("KLIMATKONTRAKT_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy on every response (Django's own middleware): scripts and style sheets
# only from the site's own files, no inline script, no inline style attribute. The two
# stand-alone print documents carry their own <style> block and allow exactly that block by its
# hash (web/security.py: allow_own_styles). Charts are inline SVG with presentation attributes,
# which a policy does not restrict; images may be data: URIs (Swagger UI's icons, report charts).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the site never uses are switched off for it and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "serial=(), usb=(), xr-spatial-tracking=()"
)

# One line per request (method, path without query string, status, duration), JSON lines in
# production; no user names, e-mail or IP addresses (web/request_log.py, docs/deployment.md).
LOG_FORMAT = os.environ.get("KLIMATKONTRAKT_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "klimatkontrakt.web.request_log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("KLIMATKONTRAKT_LOG_LEVEL", "INFO")},
    # django-axes would log the user name and address of each failure: the database keeps them.
    "loggers": {"axes": {"level": "ERROR"}},
}

# Where the site is reached; links in e-mails (the reminder digest) start with it.
SITE_URL = os.environ.get("KLIMATKONTRAKT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The publisher of the installation's open data catalogue (/datasets/dcat, docs/opendata.md):
# the organisation that runs this installation, by its organisation number (NNNNNN-NNNN), name
# (Swedish; English optional), type (an ADMS publisher type: NationalAuthority, LocalAuthority,
# RegionalAuthority, NonProfitOrganisation ...), a functional contact mailbox and its website.
# Unset: the programme organisation (Viable Cities) that has an organisation number publishes.
OPENDATA_PUBLISHER_ORGNR = os.environ.get("KLIMATKONTRAKT_OPENDATA_PUBLISHER_ORGNR", "").strip()
OPENDATA_PUBLISHER_NAME = os.environ.get("KLIMATKONTRAKT_OPENDATA_PUBLISHER_NAME", "").strip()
OPENDATA_PUBLISHER_NAME_EN = os.environ.get("KLIMATKONTRAKT_OPENDATA_PUBLISHER_NAME_EN", "").strip()
OPENDATA_PUBLISHER_TYPE = os.environ.get(
    "KLIMATKONTRAKT_OPENDATA_PUBLISHER_TYPE", "NationalAuthority"
).strip()
OPENDATA_PUBLISHER_EMAIL = os.environ.get("KLIMATKONTRAKT_OPENDATA_PUBLISHER_EMAIL", "").strip()
OPENDATA_PUBLISHER_URL = os.environ.get("KLIMATKONTRAKT_OPENDATA_PUBLISHER_URL", "").strip()
