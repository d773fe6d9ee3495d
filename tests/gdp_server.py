"""A loopback HTTP server answering like the funders' common API (`finansieradeaktiviteter`)
from recorded-shape fixtures: a JSON list per page and the `x-totalrecords` header."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from tests.loopback import Answer, Answerer, serve

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


def _answer(fake: FakeGdp) -> Answerer:
    def answer(path: str, headers: Message) -> Answer:
        fake.requests.append((path, dict(headers)))
        if fake.key and headers.get("Ocp-Apim-Subscription-Key") != fake.key:
            return Answer(401, "{}", "application/json")
        if fake.body is not None or fake.status != 200:
            return Answer(fake.status, fake.body or "{}", "application/json")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["500"])[0])
        items = fake.items()
        return Answer(
            200,
            json.dumps(items[offset : offset + limit]),
            "application/json",
            {"x-totalrecords": str(len(items))},
        )

    return answer


@contextmanager
def fake_gdp() -> Iterator[FakeGdp]:
    fake = FakeGdp()
    with serve(_answer(fake)) as base_url:
        fake.base_url = f"{base_url}/gdp_vinnova"
        yield fake
