"""The parts of a municipality's site, in navigation order, and the pages one app links to in
another. Apps add theirs with `register` and `register_link` in their AppConfig.ready."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from klimatkontrakt.organisations.models import Municipality


@dataclass(frozen=True)
class Module:
    key: str
    label: Promise | str
    url_name: str  # takes the municipality code as its only argument
    order: int
    # Who sees the entry (user, municipality) -> bool; everyone when None.
    visible: Callable[[Any, Municipality], bool] | None = None
    # Kinds of shared item (organisations.sharing) of other apps that the module also lists;
    # its own app's kinds belong to it anyway (see `modules_with_shared`).
    shows_kinds: tuple[str, ...] = ()


_MODULES: list[Module] = []
_LINKS: dict[str, str] = {}


def register(module: Module) -> None:
    if all(m.key != module.key for m in _MODULES):
        _MODULES.append(module)
        _MODULES.sort(key=lambda m: m.order)


def municipality_modules(muni: Municipality, user: Any = None) -> list[tuple[Module, str]]:
    out = []
    for m in _MODULES:
        if m.visible is not None and not m.visible(user, muni):
            continue
        try:
            out.append((m, reverse(m.url_name, args=[muni.code])))
        except NoReverseMatch:
            continue
    return out


def modules_with_shared(muni: Municipality, user: Any = None) -> set[str]:
    """The keys of the modules that show `user` an item the city shared with the programme
    office and the agencies but has not published: a reader from outside the city (the city's
    own members see its drafts anyway). An item kind belongs to the module its app registers."""
    from klimatkontrakt.organisations.access import can_view_unpublished, is_national_staff
    from klimatkontrakt.organisations.sharing import SHARED_FIELD, kinds

    if not is_national_staff(user) or can_view_unpublished(user, muni):
        return set()
    by_app = {m.url_name.split(":", 1)[0]: m.key for m in _MODULES}
    found: set[str] = set()
    for kind in kinds().values():
        own = by_app.get(kind.model._meta.app_label)
        keys = {m.key for m in _MODULES if kind.key in m.shows_kinds}
        keys = {k for k in (keys | ({own} if own else set())) if k not in found}
        if not keys:
            continue
        rows = kind.model._default_manager.filter(
            **{kind.municipality: muni, kind.published: False, SHARED_FIELD: True}
        )
        if rows.exists():
            found |= keys
    return found


def register_link(key: str, url_name: str) -> None:
    """Name a page of the registering app that other apps' templates may link to."""
    _LINKS[key] = url_name


def link_url(key: str, *args: Any) -> str:
    """The URL of the page registered as `key`; '' when no installed app registered it."""
    url_name = _LINKS.get(key)
    return "" if url_name is None else reverse(url_name, args=args)


def module_page(key: str, code: str) -> str:
    """The start page of a municipality's module `key` (e.g. 'action_plans'); '' when no
    installed app registered it."""
    for m in _MODULES:
        if m.key == key:
            return reverse(m.url_name, args=[code])
    return ""
