"""A loopback HTTP server answering like the funders' common API (`finansieradeaktiviteter`)
from recorded-shape fixtures: a JSON list per page and the `x-totalrecords` header."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "sources" / "fixtures" / "gdp"


@dataclass
class FakeGdp:
    base_url: str = ""
    pages: list[str] = field(default_factory=list)  # fixture files, one per page
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    status: int = 200
    body: str | None = None  # answer every request with this instead
    key: str = ""  # the API key the server wants, if any

    def items(self) -> list[object]:
        out: list[object] = []
        for name in self.pages:
            out.extend(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
        return out


def _handler(fake: FakeGdp) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            fake.requests.append((self.path, dict(self.headers)))
            if fake.key and self.headers.get("Ocp-Apim-Subscription-Key") != fake.key:
                self._send(401, "{}", None)
                return
            if fake.body is not None or fake.status != 200:
                self._send(fake.status, fake.body or "{}", None)
                return
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            offset = int(query.get("offset", ["0"])[0])
            limit = int(query.get("limit", ["500"])[0])
            items = fake.items()
            self._send(200, json.dumps(items[offset : offset + limit]), len(items))

        def _send(self, status: int, body: str, total: int | None) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if total is not None:
                self.send_header("x-totalrecords", str(total))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def fake_gdp() -> Iterator[FakeGdp]:
    fake = FakeGdp()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/gdp_vinnova"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
