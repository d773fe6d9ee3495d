"""Access rules, in one place. Every view, API endpoint and command asks these functions.

- Anyone, also anonymous, reads what is published.
- A member of a municipality (any role) reads its unpublished data.
- Editors and admins of a municipality write its data; admins also manage its members.
- Staff of agencies and Viable Cities read published data across all cities, like the public.
- Work done by the system itself (demo loads, commands run on the server) acts as `SYSTEM`.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from klimatkontrakt.organisations.models import Membership, Municipality

WRITE_ROLES = {Membership.Role.ADMIN, Membership.Role.EDITOR}


@dataclass(frozen=True)
class SystemActor:
    """Whoever runs the demo loader or a command on the server: an administrator of every
    municipality, with no stored account (so nothing records it as author)."""

    is_authenticated: bool = True
    is_superuser: bool = True
    pk: None = None


SYSTEM = SystemActor()


def recorded_account(user: Any) -> Any:
    """The account to record as author or actor: a stored, signed-in user; None for `SYSTEM`."""
    if getattr(user, "pk", None) is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def role_in(user: Any, municipality: Municipality) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Membership.Role.ADMIN
    cache = getattr(user, "_kk_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._kk_roles = cache
    return cache.get(municipality.organisation_id)


def can_view_unpublished(user: Any, municipality: Municipality) -> bool:
    return role_in(user, municipality) is not None


def can_edit(user: Any, municipality: Municipality) -> bool:
    return role_in(user, municipality) in WRITE_ROLES


def can_admin(user: Any, municipality: Municipality) -> bool:
    return role_in(user, municipality) == Membership.Role.ADMIN


def require_edit(user: Any, municipality: Municipality) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not can_edit(user, municipality):
        raise PermissionDenied(
            _("You need the editor role in %(municipality)s to change this.")
            % {"municipality": municipality.name}
        )


def require_view_unpublished(user: Any, municipality: Municipality) -> None:
    if not can_view_unpublished(user, municipality):
        raise PermissionDenied(_("This is not published."))
