"""`sources/http.py`: the one JSON fetch and disk cache the outside-source clients share, against a
loopback server: headers sent and kept, every failure as the caller's error in the caller's
words, cache hits, expiry and writes that never leave half a file."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from klimatkontrakt.sources.http import (
    USER_AGENT,
    Response,
    ResponseCache,
    Wording,
    cached,
    fetch_json,
)


class SourceFailed(Exception):
    def __init__(self, url: str, cause: str) -> None:
        self.url = url
        self.cause = cause
        super().__init__(f"source failed for {url}: {cause}")


WORDING = Wording(
    bad_scheme=lambda: "scheme refused",
    timed_out=lambda seconds: f"slow after {seconds:g} s",
    unreachable=lambda reason: f"unreachable ({reason})",
    connection_failed=lambda exc: f"broken ({type(exc).__name__})",
    not_json=lambda exc: f"garbled ({type(exc).__name__})",
    http_status=lambda code, reason: f"status {code} / {reason}",
)


@dataclass
class Loopback:
    base_url: str = ""
    answers: dict[str, tuple[int, bytes, dict[str, str]]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    delay: float = 0.0

    def serve(self, path: str, body: object, status: int = 200, **headers: str) -> str:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.answers[path] = (status, raw, headers)
        return self.base_url + path


@pytest.fixture
def server() -> Iterator[Loopback]:
    fake = Loopback()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            fake.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            time.sleep(fake.delay)
            if self.path == "/hang-up":  # close without a word
                self.close_connection = True
                return
            status, body, headers = fake.answers.get(self.path, (404, b"{}", {}))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()


def fetch(url: str, timeout: float = 2.0, **kw: Any) -> Response:
    return fetch_json(url, timeout=timeout, error=SourceFailed, wording=WORDING, **kw)


def failure(url: str, **kw: object) -> SourceFailed:
    with pytest.raises(SourceFailed) as caught:
        fetch(url, **kw)
    assert caught.value.url == url
    return caught.value


# -- fetching -------------------------------------------------------------------------------


def test_the_body_and_only_the_kept_headers_come_back(server):
    url = server.serve("/a?x=1", {"values": [1, 2]}, X_TotalRecords="7", Set_Cookie="s=1")
    before = datetime.now(UTC)
    response = fetch(url, headers={"x-api-key": "k"}, keep_headers=["x-totalrecords", "etag"])
    assert response.url == url
    assert response.body == {"values": [1, 2]}
    assert response.headers == {"x-totalrecords": "7"}  # absent ones are left out, not ""
    assert before <= response.fetched_at <= datetime.now(UTC)
    sent = server.requests[0][1]
    assert sent["user-agent"] == USER_AGENT
    assert sent["accept"] == "application/json"
    assert sent["x-api-key"] == "k"


def test_a_byte_order_mark_is_read_only_when_the_caller_allows_it(server):
    url = server.serve("/bom", b"\xef\xbb\xbf[1]")
    assert fetch(url, encoding="utf-8-sig").body == [1]
    assert failure(url).cause == "garbled (JSONDecodeError)"


# -- each failure kind, as the caller's error in the caller's words ---------------------------


def test_only_http_and_https_are_fetched(server):
    error = failure("file:///etc/passwd")
    assert error.cause == "scheme refused"
    assert str(error) == "source failed for file:///etc/passwd: scheme refused"
    assert server.requests == []


def test_an_http_status_is_worded_by_the_caller(server):
    url = server.serve("/gone", {}, status=410)
    error = failure(url)
    assert error.cause == "status 410 / Gone"
    assert error.__cause__ is not None


def test_the_default_status_wording_names_code_and_reason(server):
    plain = Wording(
        bad_scheme=WORDING.bad_scheme,
        timed_out=WORDING.timed_out,
        unreachable=WORDING.unreachable,
        connection_failed=WORDING.connection_failed,
        not_json=WORDING.not_json,
    )
    with pytest.raises(SourceFailed) as caught:
        fetch_json(server.base_url + "/nothing", timeout=2, error=SourceFailed, wording=plain)
    assert caught.value.cause == "HTTP 404 Not Found"


def test_a_slow_server_times_out_with_the_callers_timeout(server):
    url = server.serve("/slow", [])
    server.delay = 1.0
    assert failure(url, timeout=0.2).cause == "slow after 0.2 s"


def test_nothing_listening_is_unreachable():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = failure(f"http://127.0.0.1:{port}/x")
    assert error.cause.startswith("unreachable (")
    assert "refused" in error.cause.lower()


def test_a_server_hanging_up_is_a_broken_connection(server):
    assert failure(server.base_url + "/hang-up").cause == "broken (RemoteDisconnected)"


@pytest.mark.parametrize(
    ("body", "kind"),
    [(b"<html>maintenance</html>", "JSONDecodeError"), (b"\xff\xfe[]", "UnicodeDecodeError")],
)
def test_a_body_that_is_not_json_is_garbled(server, body, kind):
    url = server.serve("/html", body)
    assert failure(url).cause == f"garbled ({kind})"


# -- the cache ------------------------------------------------------------------------------


def test_a_cache_hit_asks_nothing_and_keeps_the_first_fetch_time(server, tmp_path):
    url = server.serve("/p", {"values": []}, X_TotalRecords="3")

    def get() -> Response:
        return cached(
            ResponseCache(tmp_path, 60), url, lambda u: fetch(u, keep_headers=["x-totalrecords"])
        )

    first = get()
    again = get()
    assert len(server.requests) == 1
    assert again.body == first.body and again.headers == {"x-totalrecords": "3"}
    assert again.fetched_at == first.fetched_at
    assert [p.name for p in tmp_path.iterdir()] == [ResponseCache(tmp_path, 60).path(url).name]


def test_an_answer_older_than_max_age_is_fetched_again(server, tmp_path):
    url = server.serve("/p", [1])
    cache = ResponseCache(tmp_path, 3600)
    cache.put(Response(url, [0], {}, datetime.now(UTC) - timedelta(hours=2)))
    assert cached(cache, url, fetch).body == [1]  # two hours is too old
    assert cached(cache, url, fetch).body == [1]  # the new answer replaced it
    assert len(server.requests) == 1
    cached(ResponseCache(tmp_path, 0), url, fetch)
    assert len(server.requests) == 2


def test_no_cache_asks_every_time(server):
    url = server.serve("/p", [1])
    cached(None, url, fetch)
    cached(None, url, fetch)
    assert len(server.requests) == 2


def test_a_failed_fetch_stores_nothing(server, tmp_path):
    url = server.serve("/p", b"<html>")
    with pytest.raises(SourceFailed):
        cached(ResponseCache(tmp_path, 60), url, fetch)
    assert list(tmp_path.iterdir()) == []


def test_files_it_did_not_write_are_misses(tmp_path):
    cache = ResponseCache(tmp_path, 60)
    url = "https://example.org/a"
    for text in ("not json", "[]", json.dumps({"url": "https://example.org/b", "body": 1})):
        cache.path(url).write_text(text, encoding="utf-8")
        assert cache.get(url) is None
    record = {"url": url, "fetched_at": time.time(), "items": []}  # an older layout
    cache.path(url).write_text(json.dumps(record), encoding="utf-8")
    assert cache.get(url) is None
    assert ResponseCache(tmp_path / "missing", 60).get(url) is None


def test_writes_replace_whole_files_and_leave_no_temporary_ones(tmp_path):
    cache = ResponseCache(tmp_path / "made-on-first-write", 60)
    url = "https://example.org/a"
    cache.put(Response(url, {"n": 1}))
    cache.put(Response(url, {"n": 2}))
    with pytest.raises(TypeError):  # cannot be written as JSON: fails half-way through
        cache.put(Response(url, {"n": 3, "bad": object()}))
    assert [p.name for p in cache.directory.iterdir()] == [cache.path(url).name]
    hit = cache.get(url)
    assert hit is not None and hit.body == {"n": 2}
