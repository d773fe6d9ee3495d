# Klimatkontrakt's production image: gunicorn serving the Django application, static files
# collected at build time and served by WhiteNoise. See docs/deployment.md, "Container image".
#   docker build -t klimatkontrakt .
#   docker compose up -d          (with PostgreSQL; compose.yaml)

# ---- build: install the application and its dependencies into a virtual environment ----------
FROM python:3.12-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY pyproject.toml README.md ./
COPY src ./src
# The s3 extra: ledgers may live in an S3-compatible bucket (docs/deployment.md#ledger-storage).
RUN python -m venv /venv && /venv/bin/pip install ".[s3]"

# ---- runtime: the virtual environment, WeasyPrint's system libraries, no compiler ------------
FROM python:3.12-slim-bookworm AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/klimatkontrakt klimatkontrakt \
    && mkdir -p /var/lib/klimatkontrakt /srv/static \
    && chown klimatkontrakt /var/lib/klimatkontrakt
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=klimatkontrakt.settings \
    KLIMATKONTRAKT_ENV=production \
    KLIMATKONTRAKT_VAR_DIR=/var/lib/klimatkontrakt \
    KLIMATKONTRAKT_STATIC_ROOT=/srv/static \
    KLIMATKONTRAKT_BIND=0.0.0.0:8000
# Static files belong to the image (a new image brings its own); the key and host given here
# exist only for this build step.
RUN KLIMATKONTRAKT_SECRET_KEY=collectstatic-only KLIMATKONTRAKT_ALLOWED_HOSTS=localhost \
    KLIMATKONTRAKT_VAR_DIR=/tmp/build-var \
    klimatkontrakt collectstatic --no-input \
    && rm -rf /tmp/build-var
USER 10001
WORKDIR /var/lib/klimatkontrakt
VOLUME ["/var/lib/klimatkontrakt"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 \
    CMD ["python", "-m", "klimatkontrakt.healthcheck"]
CMD ["gunicorn", "-c", "python:klimatkontrakt.gunicorn_conf", "klimatkontrakt.wsgi"]
