"""The sharing level of an item a city publishes: private → shared with the programme office and
the agencies → public.

Stored as two flags on the item: its own published flag (`is_published`, or `published` on a
ledger) and `shared_with_programme`. Editors see them as one choice, "Visibility". Who reads
what is decided in `organisations/access.py` (`published_or_shared`, `can_view_item`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Municipality

SHARED_FIELD = "shared_with_programme"


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private")
    SHARED = "shared", _("Shared with the programme office and the agencies")
    PUBLIC = "public", _("Public")


VISIBILITY_LABEL = _("Visibility")
VISIBILITY_HELP = _(
    "Private: only the municipality's users. Shared: also the staff of Viable Cities' programme "
    "office and the agencies, before it is published. Public: everyone."
)


def shared_field() -> models.BooleanField:
    """The sharing flag of an item a city publishes, beside the item's own published flag.
    False also as the column's default in the database, so that a row written without it (an
    older release, a migration's historical model) is private."""
    return models.BooleanField(
        _("shared with the programme office and the agencies"),
        default=False,
        db_default=False,
        help_text=_(
            "Unpublished, but readable by the staff of Viable Cities and the agencies. "
            "A published item is readable by everyone."
        ),
    )


def visibility_of(item: Any, published: str = "is_published") -> Visibility:
    if getattr(item, published):
        return Visibility.PUBLIC
    if getattr(item, SHARED_FIELD, False):
        return Visibility.SHARED
    return Visibility.PRIVATE


def is_shared_only(item: Any, published: str = "is_published") -> bool:
    """Shared with the programme office and the agencies, and not published."""
    return visibility_of(item, published) == Visibility.SHARED


def flags(visibility: str) -> tuple[bool, bool]:
    """(published, shared) for a visibility. Public leaves the sharing flag off, so that
    unpublishing an item makes it private again, never shared by accident."""
    value = Visibility(visibility)
    return value == Visibility.PUBLIC, value == Visibility.SHARED


def flag_fields(visibility: str) -> dict[str, bool]:
    """The two flags as a service's keyword arguments."""
    is_public, is_shared = flags(visibility)
    return {"is_published": is_public, SHARED_FIELD: is_shared}


def apply(item: Any, visibility: str, published: str = "is_published") -> list[str]:
    """Set the item's two flags (not saved); the fields to save."""
    is_public, is_shared = flags(visibility)
    setattr(item, published, is_public)
    setattr(item, SHARED_FIELD, is_shared)
    return [published, SHARED_FIELD]


def visibility_field(**kwargs: Any) -> forms.ChoiceField:
    """The one form field editors choose the visibility with (left empty: private)."""
    kwargs.setdefault("required", False)
    return forms.ChoiceField(
        label=VISIBILITY_LABEL,
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        help_text=VISIBILITY_HELP,
        **kwargs,
    )


@dataclass(frozen=True)
class Kind:
    """A kind of item with a visibility, registered by its app in AppConfig.ready."""

    key: str  # in URLs and the API: contract_version, action_plan, ...
    label: Promise | str
    model: type[models.Model]
    municipality: str  # the lookup from the item to its municipality: "municipality", ...
    published: str = "is_published"
    # The app's own rule, before the flags are set: raises SharingRefused when the change is
    # refused, sets any field that changes with it, and names those fields.
    prepare: Callable[[Any, Visibility], list[str]] | None = None


class SharingRefused(Exception):
    """The app's rule refuses the change (a signed contract version, a report not approved)."""


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _KINDS[kind.key] = kind


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def kind_of(key: str) -> Kind | None:
    return _KINDS.get(key)


def kind_for(item: Any) -> Kind | None:
    """The registered kind of an item (for the editors' visibility form)."""
    return next((k for k in _KINDS.values() if isinstance(item, k.model)), None)


@transaction.atomic
def set_visibility(
    user: Any, municipality: Municipality, kind_key: str, pk: int, visibility: str
) -> Any:
    """Set an item's visibility: editors and admins of its municipality only, under the app's
    own rule (a signed contract version stays public; only an approved report is made public).
    The change is recorded in the change log like any other (the model signals)."""
    kind = kind_of(kind_key)
    if kind is None:
        raise Http404("No such kind of item")
    require_edit(user, municipality)
    try:
        value = Visibility(visibility)
    except ValueError as exc:
        raise ValidationError(
            {"visibility": _("Choose private, shared or public.")}, code="invalid"
        ) from exc
    item = (
        kind.model._default_manager.select_for_update()
        .filter(**{kind.municipality: municipality}, pk=pk)
        .first()
    )
    if item is None:
        raise Http404("No such item")
    extra = kind.prepare(item, value) if kind.prepare else []
    item.save(update_fields=[*apply(item, value, kind.published), *extra])
    return item
