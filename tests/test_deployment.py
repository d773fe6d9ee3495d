"""The deployment as an operator runs it (docs/deployment.md): real processes on loopback ports,
every wait bounded; the container files checked by parsing them, as no Docker engine runs here."""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
START_ATTEMPTS = 300  # x 0.2 s: how long a server may take to answer its first request


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),
        "KLIMATKONTRAKT_VAR_DIR": str(tmp_path / "var"),
        "HOME": str(tmp_path),
    }
    env.update(extra)
    return env


def _production(tmp_path: Path, **extra: str) -> dict[str, str]:
    return _env(
        tmp_path,
        KLIMATKONTRAKT_ENV="production",
        KLIMATKONTRAKT_SECRET_KEY=secrets.token_hex(32),
        KLIMATKONTRAKT_ALLOWED_HOSTS="klimat.example.se",
        KLIMATKONTRAKT_STATIC_ROOT=str(tmp_path / "static"),
        **extra,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is answered, never followed
        return None


OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url: str, **headers: str):
    assert url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        return OPENER.open(request, timeout=60)
    except urllib.error.HTTPError as exc:
        return exc


@contextmanager
def _server(command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(START_ATTEMPTS):
                assert process.poll() is None, log.read_text()
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail(f"no answer on port {port}: {log.read_text()}")
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


# ---- a start without the secret key -----------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        [str(BIN / "python"), "-m", "klimatkontrakt", "check"],
        [str(BIN / "gunicorn"), "-c", "python:klimatkontrakt.gunicorn_conf", "klimatkontrakt.wsgi"],
    ],
    ids=["console", "gunicorn"],
)
def test_production_without_secret_key_stops_with_one_sentence(tmp_path, command):
    env = _env(tmp_path, KLIMATKONTRAKT_ENV="production", KLIMATKONTRAKT_ALLOWED_HOSTS="a.se")
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode != 0
    output = (result.stdout + result.stderr).strip()
    assert "Traceback" not in output
    assert output.splitlines() == [
        "Klimatkontrakt cannot start in production: set KLIMATKONTRAKT_SECRET_KEY to a long "
        "random string, e.g. the output of openssl rand -hex 32 (see docs/deployment.md)."
    ]


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    result = subprocess.run(
        [str(BIN / "python"), "-m", "klimatkontrakt", "check", "--deploy", "--fail-level", "INFO"],
        env=_production(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# ---- the production server --------------------------------------------------------------------


def test_gunicorn_serves_health_static_files_and_one_log_line_per_request(tmp_path):
    env = _production(
        tmp_path,
        KLIMATKONTRAKT_BIND=f"127.0.0.1:{(port := _free_port())}",
        KLIMATKONTRAKT_WORKERS="1",
    )
    for step in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        collect = subprocess.run(
            [str(BIN / "python"), "-m", "klimatkontrakt", *step],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert collect.returncode == 0, collect.stderr
    log = tmp_path / "gunicorn.log"
    command = [str(BIN / "gunicorn"), "-c", "python:klimatkontrakt.gunicorn_conf"]
    with _server([*command, "klimatkontrakt.wsgi"], env, port, log) as base:
        proxied = {"Host": "klimat.example.se", "X-Forwarded-Proto": "https"}
        health = _get(f"{base}/healthz?token=hemligt", **proxied)
        assert health.status == 200
        assert json.loads(health.read()) == {
            "status": "ok",
            "database": "ok",
            "ledger_storage": "ok",
            "task_worker": "not seen",
            "task_worker_last_seen": None,
        }
        assert health.headers.get_all("Server") == ["gunicorn"]
        css = _get(f"{base}/static/web/site.css", **proxied)
        assert css.status == 200 and b".htmx-indicator" in css.read()
        for response in (health, css):
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]
            assert "camera=()" in response.headers["Permissions-Policy"]
        # The container's health check asks the same way and agrees.
        check = subprocess.run(
            [str(BIN / "python"), "-m", "klimatkontrakt.healthcheck"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert check.returncode == 0, check.stderr
        # Plain http without the proxy's header goes to https first.
        assert _get(f"{base}/healthz", Host="klimat.example.se").status in (301, 302)
    # Every line is one JSON object, gunicorn's own included.
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert any(x["logger"] == "gunicorn.error" and "Booting worker" in x["message"] for x in lines)
    requests = [x for x in lines if x.get("event") == "request"]
    assert {(x["method"], x["path"], x["status"]) for x in requests} >= {
        ("GET", "/healthz", 200),
        ("GET", "/static/web/site.css", 200),
    }
    assert all(isinstance(x["duration_ms"], float) for x in requests)
    assert "hemligt" not in log.read_text()
    assert "127.0.0.1" not in json.dumps(requests)


def test_development_server_names_no_version(tmp_path):
    port = _free_port()
    command = [str(BIN / "klimatkontrakt"), "serve", "--port", str(port), "--noreload"]
    log = tmp_path / "serve.log"
    with _server(command, _env(tmp_path), port, log) as base:
        response = _get(f"{base}/healthz")
        assert response.status == 200
        assert response.headers.get_all("Server") == ["klimatkontrakt"]


# ---- the container files ----------------------------------------------------------------------


def _dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text()
    joined = re.sub(r"\\\n", " ", text)
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_dockerfile_builds_in_two_stages_and_runs_gunicorn_unprivileged():
    instructions = _dockerfile()
    stages = [arg for op, arg in instructions if op == "FROM"]
    assert stages == [
        "python:3.12-slim-bookworm AS build",
        "python:3.12-slim-bookworm AS runtime",
    ]
    runtime = instructions[[op for op, _ in instructions].index("FROM", 1) :]
    ops = dict(runtime)
    # Numeric, so that the host and Kubernetes' runAsNonRoot can check it; it is the system
    # account the image creates.
    assert ops["USER"] == "10001"
    assert "useradd --system --uid 10001" in " ".join(a for o, a in runtime if o == "RUN")
    assert ops["EXPOSE"] == "8000"
    assert json.loads(ops["CMD"]) == [
        "gunicorn",
        "-c",
        "python:klimatkontrakt.gunicorn_conf",
        "klimatkontrakt.wsgi",
    ]
    assert ops["HEALTHCHECK"].endswith('CMD ["python", "-m", "klimatkontrakt.healthcheck"]')
    env = ops["ENV"]
    assert "KLIMATKONTRAKT_ENV=production" in env
    assert "KLIMATKONTRAKT_STATIC_ROOT=/srv/static" in env
    runs = " ".join(arg for op, arg in runtime if op == "RUN")
    assert "collectstatic --no-input" in runs
    assert "libpango-1.0-0" in runs  # WeasyPrint's PDF rendering
    # The build key exists only in that one step: no secret is baked into ENV.
    assert "SECRET_KEY" not in env
    copies = [arg for op, arg in instructions if op == "COPY"]
    assert "--from=build /venv /venv" in copies
    # Every module gunicorn and the health check are told to load exists.
    for module in ("gunicorn_conf", "healthcheck", "wsgi"):
        assert (ROOT / "src" / "klimatkontrakt" / f"{module}.py").exists()


def test_dockerfile_passes_its_linter():
    """`hadolint Dockerfile` (a dev dependency; `make lint` runs it too) finds nothing."""
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(hadolint).exists():
        pytest.skip("hadolint is not installed (pip install -e '.[dev]')")
    result = subprocess.run(
        [hadolint, "--no-color", "Dockerfile"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_postgresql_web_and_worker_with_required_secrets():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "web", "worker"}
    worker = services["worker"]
    # The same image, settings and var volume as web; it starts once web has migrated.
    assert worker["image"] == services["web"]["image"]
    assert worker["environment"] == services["web"]["environment"]
    assert worker["volumes"] == services["web"]["volumes"]
    assert worker["depends_on"] == {"web": {"condition": "service_healthy"}}
    assert worker["command"][:2] == ["klimatkontrakt", "worker"]
    db, web = services["db"], services["web"]
    assert db["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert web["build"] == "."
    assert web["depends_on"] == {"db": {"condition": "service_healthy"}}
    env = web["environment"]
    for required in ("KLIMATKONTRAKT_SECRET_KEY", "KLIMATKONTRAKT_ALLOWED_HOSTS"):
        assert re.fullmatch(rf"\$\{{{required}:\?.+\}}", env[required]), env[required]
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert env["KLIMATKONTRAKT_TRUSTED_PROXY_HEADER"] == "X-Forwarded-For"
    assert web["ports"] == ["127.0.0.1:8000:8000"]  # reachable by the host's proxy only
    assert "exec gunicorn -c python:klimatkontrakt.gunicorn_conf" in web["command"][-1]
    assert "migrate --no-input" in web["command"][-1]
    mounts = {v.split(":")[1] for v in web["volumes"]}
    assert mounts == {"/var/lib/klimatkontrakt"}
    assert set(compose["volumes"]) == {"db-data", "var-data"}
    example = (ROOT / "deploy.env.example").read_text()
    for name in re.findall(r"\$\{(\w+):\?", (ROOT / "compose.yaml").read_text()):
        assert f"{name}=" in example
    # Where a Docker engine runs, Compose itself must accept the file.
    if shutil.which("docker") and os.environ.get("KLIMATKONTRAKT_DOCKER") == "1":
        result = subprocess.run(
            ["docker", "compose", "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
            env={**os.environ, "KLIMATKONTRAKT_SECRET_KEY": "x", "POSTGRES_PASSWORD": "x"}
            | {"KLIMATKONTRAKT_ALLOWED_HOSTS": "a.se"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
