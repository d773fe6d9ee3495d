"""Personal data that other apps hold about a user, for the GDPR export and erasure.

An app registers one source (in its AppConfig.ready): `export(user)` returns what it holds about
the user as JSON-ready data, `erase(user)` erases or anonymises it before the account goes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.key] = source


def sources() -> list[Source]:
    return list(_SOURCES.values())
