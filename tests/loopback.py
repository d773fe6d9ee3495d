"""One loopback HTTP server for the tests that stand in for an outside service (Kolada, the
funders' APIs, SMHI): each says how it answers a GET, this module runs the server.

`serve(answer)` starts a threaded server on 127.0.0.1 on a free port and yields its base URL
("http://127.0.0.1:PORT"); `answer(path, headers)` gets the request's path with its query, as
sent, and its headers, and returns an `Answer`. The server stops when the block ends."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JSON = "application/json; charset=utf-8"


@dataclass(frozen=True)
class Answer:
    status: int
    body: str | bytes
    content_type: str = JSON
    headers: Mapping[str, str] = field(default_factory=dict)


Answerer = Callable[[str, Message], Answer]


def _handler(answer: Answerer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            reply = answer(self.path, self.headers)
            body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout tests)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def serve(answer: Answerer) -> Iterator[str]:
    """A server on 127.0.0.1 on a free port, answering every GET with `answer`; yields its base
    URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(answer))
    server.daemon_threads = True
    # A short poll interval: shutdown() waits for one poll, 0.5 s by default, in every test.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
