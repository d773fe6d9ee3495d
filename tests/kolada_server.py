"""A loopback HTTP server that answers like Kolada v3 from the recorded-shape fixtures."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from tests.loopback import Answer, Answerer, serve

FIXTURES = Path(__file__).resolve().parent / "sources" / "fixtures" / "kolada"
RECORDED_BASE = "https://api.kolada.se/v3"

Responder = Callable[[str], tuple[int, str]]


@dataclass
class FakeKolada:
    """Routes (path with query, as sent) to fixture files or to responder functions."""

    base_url: str = ""
    routes: dict[str, str | Responder] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    delay: float = 0.0
    fallback: Responder | None = None  # answers paths without a route

    def serve(self, path: str, fixture: str | Responder) -> None:
        self.routes[path] = fixture

    def answer(self, path: str) -> tuple[int, str]:
        self.requests.append(path)
        route = self.routes.get(path, self.fallback)
        if route is None:
            return 404, json.dumps({"error": f"no fixture for {path}"})
        if callable(route):
            return route(path)
        body = (FIXTURES / route).read_text(encoding="utf-8")
        return 200, body.replace(RECORDED_BASE, self.base_url)


def _answer(fake: FakeKolada) -> Answerer:
    def answer(path: str, _headers: Message) -> Answer:
        if fake.delay:
            time.sleep(fake.delay)
        prefix = "/v3"
        status, body = fake.answer(path[len(prefix) :] if path.startswith(prefix) else path)
        return Answer(status, body)

    return answer


@contextmanager
def fake_kolada() -> Iterator[FakeKolada]:
    """Start a FakeKolada on 127.0.0.1 on a free port; base_url ends in /v3."""
    fake = FakeKolada()
    with serve(_answer(fake)) as base_url:
        fake.base_url = f"{base_url}/v3"
        yield fake


def echo_data(path: str) -> tuple[int, str]:
    """Answer any data path with one row per KPI and area named in it (years 2020-2022)."""
    parts = path.split("?")[0].split("/")
    if "data" not in parts:
        return 404, '{"error": "not a data path"}'
    kpis = parts[parts.index("kpi") + 1].split(",")
    areas = parts[parts.index("municipality") + 1].split(",")
    rows = [
        {
            "kpi": kpi,
            "municipality": area,
            "period": year,
            "values": [{"count": 1, "gender": "T", "status": "", "value": float(year - 2000)}],
        }
        for kpi in kpis
        for area in areas
        for year in (2020, 2021, 2022)
    ]
    return 200, json.dumps({"count": len(rows), "values": rows})
