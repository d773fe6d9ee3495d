"""A loopback HTTP server that answers like Vinnova's open data and the agencies' common API,
from the fixture files in the documented shape (docs/funding.md, "Calls")."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from tests.loopback import Answer, Answerer, serve

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


def _answer(fake: FakeFunders) -> Answerer:
    def answer(path: str, headers: Message) -> Answer:
        if fake.delay:
            time.sleep(fake.delay)
        route = fake.answer(path, headers.get("x-api-key", ""))
        extra = {name.replace("_", "-"): value for name, value in route.headers.items()}
        return Answer(route.status, route.body, headers=extra)

    return answer


@contextmanager
def fake_funders() -> Iterator[FakeFunders]:
    """Start a FakeFunders on 127.0.0.1 on a free port."""
    fake = FakeFunders()
    with serve(_answer(fake)) as base_url:
        fake.base_url = base_url
        yield fake
