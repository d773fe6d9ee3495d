"""A whole installation in its own processes: a var directory, a database of its own, the
`klimatkontrakt` console command and a real HTTP server on a free loopback port.

The database follows the test run: SQLite in the var directory, or, when DATABASE_URL points at
PostgreSQL (as in CI's second run), a fresh database on that server, dropped afterwards.
Every wait is bounded: a server that does not answer within its start-up allowance fails the test.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REQUEST_TIMEOUT = 120  # seconds for one request; a hung server fails the test instead of hanging it
START_ATTEMPTS = 300  # x 0.2 s: how long a server may take to answer its first request


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@dataclass
class Installation:
    var_dir: Path
    database_url: str | None = None  # None: SQLite in var_dir

    @classmethod
    @contextmanager
    def create(
        cls, var_dir: Path, *, postgres: bool | None = None, template: str | None = None
    ) -> Iterator[Installation]:
        """A new, empty installation (not migrated). PostgreSQL when the run uses it; there,
        `template` names a database to start as a copy of (tests/demo_snapshot.py)."""
        server = postgres_url()
        use_pg = bool(server) if postgres is None else postgres
        if not use_pg:
            yield cls(var_dir)
            return
        assert server, "PostgreSQL asked for but DATABASE_URL is not a PostgreSQL URL"
        name = f"kk_live_{secrets.token_hex(4)}"
        _pg_admin(
            server, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        )
        parts = urllib.parse.urlsplit(server)
        url = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
        try:
            yield cls(var_dir, url)
        finally:
            _pg_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def env(self) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(ROOT / "src"),
            "KLIMATKONTRAKT_VAR_DIR": str(self.var_dir),
            "KLIMATKONTRAKT_DB_CONN_MAX_AGE": "0",
            # The crawls send hundreds of API requests a minute from one address.
            "KLIMATKONTRAKT_API_RATE_ANONYMOUS": "1000000",
            "KLIMATKONTRAKT_API_RATE_AUTHENTICATED": "1000000",
        }
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """`klimatkontrakt ARGS` in this installation."""
        r = subprocess.run(
            [sys.executable, "-m", "klimatkontrakt", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if check:
            assert r.returncode == 0, f"klimatkontrakt {' '.join(args)}: {r.stdout}\n{r.stderr}"
        return r

    @contextmanager
    def serve(self) -> Iterator[Server]:
        """`klimatkontrakt serve` (threaded, one process) on a free loopback port, without the
        task worker `serve` would start beside it: no test served here waits for a task, and an
        idle worker polling its queue took most of a core from the rest of the suite."""
        port = _free_port()
        log = open(self.var_dir / f"server-{port}.log", "w+")  # noqa: SIM115
        command = ["serve", "--port", str(port), "--noreload", "--no-worker"]
        proc = subprocess.Popen(
            [sys.executable, "-m", "klimatkontrakt", *command],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(f"127.0.0.1:{port}", log_path=Path(log.name))
        try:
            for _ in range(START_ATTEMPTS):
                assert proc.poll() is None, f"server stopped: {server.log()}"
                try:
                    if server.get("/api/").status == 200:
                        break
                except OSError:
                    pass  # not listening yet
                time.sleep(0.2)
            else:
                raise AssertionError(f"server did not answer: {server.log()}")
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)
            log.close()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    host: str
    log_path: Path
    cookies: dict[str, str] = field(default_factory=dict)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """One request on its own connection (safe to call from many threads at once)."""
        conn = http.client.HTTPConnection(self.host, timeout=REQUEST_TIMEOUT)
        try:
            sent = dict(headers or {})
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.request(method, path, body=body, headers=sent)
            r = conn.getresponse()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def _remember_cookies(self, raw: list[str]) -> None:
        for header in raw:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def _get_with_cookies(self, path: str) -> None:
        conn = http.client.HTTPConnection(self.host, timeout=REQUEST_TIMEOUT)
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            self._remember_cookies(r.headers.get_all("Set-Cookie") or [])
        finally:
            conn.close()

    def login(self, username: str, password: str) -> None:
        """Log in through the login page; later requests carry the session and CSRF cookies."""
        self._get_with_cookies("/konto/logga-in/")
        form = urllib.parse.urlencode(
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            }
        ).encode()
        conn = http.client.HTTPConnection(self.host, timeout=REQUEST_TIMEOUT)
        try:
            conn.request(
                "POST",
                "/konto/logga-in/",
                body=form,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={self.cookies['csrftoken']}",
                    "Referer": f"http://{self.host}/konto/logga-in/",
                },
            )
            r = conn.getresponse()
            r.read()
            assert r.status == 302, f"login refused ({r.status})"
            self._remember_cookies(r.headers.get_all("Set-Cookie") or [])
        finally:
            conn.close()
        assert "sessionid" in self.cookies

    def send_json(self, method: str, path: str, payload: Any) -> Response:
        """An API write with the session and the CSRF header."""
        return self.request(
            method,
            path,
            json.dumps(payload).encode(),
            {"Content-Type": "application/json", "X-CSRFToken": self.cookies["csrftoken"]},
        )

    def post_form(self, path: str, fields: dict[str, Any]) -> Response:
        """A page form's POST with the session and the CSRF token."""
        data = {**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self.request(
            "POST",
            path,
            urllib.parse.urlencode(data, doseq=True).encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}{path}",
            },
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_admin(server_url: str, sql: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(server_url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]
