"""Twenty editors saving at once, against a real server process (`klimatkontrakt serve`, one
thread per request, each with its own database connection) on SQLite or PostgreSQL, whichever
the test run uses. Saves of different commitments all succeed; saves of the same commitment made
from the same reading give one success and nineteen conflicts; never a server error.
"""

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.demo_snapshot import Snapshot, copy_installation
from tests.live_install import Response, Server

CLIENTS = 20
KARLSTAD = "1780"
EDITOR, PASSWORD = "karlstad-redaktor", "klimat-2030-demo"
STALE = "Någon annan sparade"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, demo_snapshot: Snapshot) -> Iterator[Server]:
    """The demo behind a real server, an editor logged in, and Karlstad's 2025 draft started.
    The installation starts as a copy of one where `migrate` and `demo` ran."""
    var = tmp_path_factory.mktemp("concurrency") / "var"
    with copy_installation(demo_snapshot, var) as inst, inst.serve() as srv:
        srv.login(EDITOR, PASSWORD)
        r = srv.send_json("POST", f"/api/contracts/{KARLSTAD}/versions/2024/next", {})
        assert r.status == 201, r.body
        while len(_commitments(srv)) < CLIENTS:
            r = srv.send_json(
                "POST",
                f"/api/contracts/{KARLSTAD}/versions/2025/commitments",
                {"title": f"Extra åtagande {len(_commitments(srv))}"},
            )
            assert r.status == 201, r.body
        yield srv


def _commitments(srv: Server) -> list[dict[str, Any]]:
    r = srv.get(f"/api/contracts/{KARLSTAD}/versions/2025/commitments")
    assert r.status == 200, r.body
    return list(r.json())


def _all_at_once(calls: list[Callable[[], Response]]) -> list[Response]:
    """Run the calls in parallel threads, released together by a barrier."""
    barrier = threading.Barrier(len(calls), timeout=120)

    def run(call: Callable[[], Response]) -> Response:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _patch(srv: Server, pk: int, payload: dict[str, Any]) -> Callable[[], Response]:
    return lambda: srv.send_json("PATCH", f"/api/contracts/{KARLSTAD}/commitments/{pk}", payload)


def _statuses(responses: list[Response], log: Path) -> Counter[int]:
    counts = Counter(r.status for r in responses)
    assert not [s for s in counts if s >= 500], (counts, log.read_text()[-3000:])
    return counts


def test_twenty_saves_of_different_commitments_all_succeed(server: Server) -> None:
    chosen = _commitments(server)[:CLIENTS]
    responses = _all_at_once(
        [
            _patch(server, c["id"], {"edit_version": c["edit_version"], "title": f"Parallell {i}"})
            for i, c in enumerate(chosen)
        ]
    )
    assert _statuses(responses, server.log_path) == {200: CLIENTS}
    after = {c["id"]: c for c in _commitments(server)}
    for i, c in enumerate(chosen):
        assert after[c["id"]]["title"] == f"Parallell {i}"
        assert after[c["id"]]["edit_version"] == c["edit_version"] + 1


def test_twenty_saves_of_one_commitment_give_one_success_and_nineteen_conflicts(
    server: Server,
) -> None:
    c = _commitments(server)[0]
    read = c["edit_version"]
    responses = _all_at_once(
        [_patch(server, c["id"], {"edit_version": read, "title": f"Samma {i}"}) for i in range(20)]
    )
    assert _statuses(responses, server.log_path) == {200: 1, 409: CLIENTS - 1}
    winner = next(r.json() for r in responses if r.status == 200)
    for r in responses:
        if r.status == 409:
            assert STALE in r.json()["detail"]
    after = server.get(f"/api/contracts/{KARLSTAD}/commitments/{c['id']}").json()
    assert after == winner and after["edit_version"] == read + 1


def _form_fields(html: str) -> dict[str, str]:
    """The edit form's current values: text inputs, hidden inputs, selected options."""
    inputs = r'<input type="(?:text|number|hidden)" name="(\w+)" value="([^"]*)"'
    fields = dict(re.findall(inputs, html))
    for name, body in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', html, re.S):
        picked = re.search(r'<option value="([^"]*)" selected>', body)
        fields[name] = picked.group(1) if picked else ""
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def test_twenty_form_saves_of_one_commitment_keep_one_and_explain_the_rest(
    server: Server,
) -> None:
    c = _commitments(server)[1]
    path = f"/kommun/{KARLSTAD}/kontrakt/2025/atagande/{c['id']}/redigera/"
    page = server.get(path)
    assert page.status == 200
    fields = _form_fields(page.body.decode())
    assert fields["edit_version"] == str(c["edit_version"])
    responses = _all_at_once(
        [
            (lambda i=i: server.post_form(path, {**fields, "title": f"Formulär {i}"}))
            for i in range(CLIENTS)
        ]
    )
    assert _statuses(responses, server.log_path) == {302: 1, 200: CLIENTS - 1}
    for r in responses:
        if r.status == 200:
            assert STALE in r.body.decode()
    after = server.get(f"/api/contracts/{KARLSTAD}/commitments/{c['id']}").json()
    assert after["title"].startswith("Formulär ") and after["edit_version"] == c["edit_version"] + 1
