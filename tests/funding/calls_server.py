"""A loopback HTTP server that answers like Vinnova's open data and the agencies' common API,
from the fixture files in the documented shape (docs/funding.md, "Calls")."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "calls"


@dataclass
class Route:
    body: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeFunders:
    base_url: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, x-api-key)
    api_key: str = ""  # when set, the common API answers 401 without it
    delay: float = 0.0

    def serve(self, path: str, fixture: str, status: int = 200, **headers: str) -> None:
        self.routes[path] = Route((FIXTURES / fixture).read_text(encoding="utf-8"), status, headers)

    def serve_text(self, path: str, body: str, status: int = 200, **headers: str) -> None:
        self.routes[path] = Route(body, status, headers)

    def answer(self, path: str, key: str) -> Route:
        self.requests.append((path, key))
        if path.startswith("/common/") and self.api_key and key != self.api_key:
            return Route('{"error": "bad key"}', 401)
        return self.routes.get(path, Route('{"error": "no fixture"}', 404))

    @property
    def vinnova_url(self) -> str:
        return f"{self.base_url}/vinnova/api"

    @property
    def common_url(self) -> str:
        return f"{self.base_url}/common/v1"


def _handler(fake: FakeFunders) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if fake.delay:
                time.sleep(fake.delay)
            route = fake.answer(self.path, self.headers.get("x-api-key", ""))
            data = route.body.encode("utf-8")
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in route.headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def fake_funders() -> Iterator[FakeFunders]:
    """Start a FakeFunders on 127.0.0.1 on a free port."""
    fake = FakeFunders()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
