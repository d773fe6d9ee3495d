"""The parts of a municipality's site, in navigation order. Apps add theirs with `register`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from klimatkontrakt.organisations.models import Municipality


@dataclass(frozen=True)
class Module:
    key: str
    label: Promise | str
    url_name: str  # takes the municipality code as its only argument
    order: int


_MODULES: list[Module] = []


def register(module: Module) -> None:
    if all(m.key != module.key for m in _MODULES):
        _MODULES.append(module)
        _MODULES.sort(key=lambda m: m.order)


def municipality_modules(muni: Municipality) -> list[tuple[Module, str]]:
    out = []
    for m in _MODULES:
        try:
            out.append((m, reverse(m.url_name, args=[muni.code])))
        except NoReverseMatch:
            continue
    return out


ModuleFactory = Callable[[], Module]
