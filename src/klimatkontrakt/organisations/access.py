"""Access rules, in one place. Every view, API endpoint and command asks these functions.

- Anyone, also anonymous, reads what is published.
- A member of a municipality (any role) reads its unpublished data.
- Editors and admins of a municipality write its data; admins also manage its members.
- Staff of agencies and Viable Cities (members of an organisation of kind programme or agency)
  read, in every city, what is published and what the city shared with them (an item's
  visibility: private → shared with the programme office and the agencies → public,
  organisations/sharing.py); a city's private drafts stay hidden from them
  (`published_or_shared`, `can_view_item`). Everything else of a city that is not published
  (member lists, contact details, proposals being moderated) stays with its members.
- The year's common part of the contract is written by editors and admins of the programme
  (Viable Cities); the status of a common commitment by editors and admins of its owner
  organisation only (an agency, or the programme). Its drafts are read by programme and agency
  staff; a fixed common part by everyone.
- The national yearly follow-up report is gathered, approved and published by the same editors
  of the programme; its drafts are read by programme and agency staff, a published report by
  everyone. It is gathered as the public reads, so it holds no city's unpublished work.
- National data (an SMHI release) is imported from the web by site administrators only.
- Work done by the system itself (demo loads, commands run on the server) acts as `SYSTEM`.
- A draft follow-up report reads as `REPORT`: what is published, and what an editor marked
  "include in report" (`published_or_included`).
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from klimatkontrakt.organisations.models import Membership, Municipality, Organisation

WRITE_ROLES = {Membership.Role.ADMIN, Membership.Role.EDITOR}


@dataclass(frozen=True)
class SystemActor:
    """Whoever runs the demo loader or a command on the server: an administrator of every
    municipality, with no stored account (so nothing records it as author)."""

    is_authenticated: bool = True
    is_superuser: bool = True
    pk: None = None


SYSTEM = SystemActor()


@dataclass(frozen=True)
class ReportReader:
    """A follow-up report gathering a municipality's figures: it reads like the public, plus
    the unpublished sources an editor has marked "include in report"."""

    is_authenticated: bool = False
    is_superuser: bool = False
    pk: None = None


REPORT = ReportReader()


def recorded_account(user: Any) -> Any:
    """The account to record as author or actor: a stored, signed-in user; None for `SYSTEM`."""
    if getattr(user, "pk", None) is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def role_in(user: Any, municipality: Municipality) -> str | None:
    return role_in_organisation(user, municipality.organisation_id)


def role_in_organisation(user: Any, organisation_id: int) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Membership.Role.ADMIN
    cache = getattr(user, "_kk_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._kk_roles = cache
    return cache.get(organisation_id)


def can_view_unpublished(user: Any, municipality: Municipality) -> bool:
    return role_in(user, municipality) is not None


def is_national_staff(user: Any) -> bool:
    """A member, in any role, of the programme office or an agency."""
    if user is None or not user.is_authenticated or getattr(user, "pk", None) is None:
        return False
    cached = getattr(user, "_kk_national", None)
    if cached is None:
        found = Membership.objects.filter(user=user, organisation__kind__in=NATIONAL_KINDS)
        cached = found.exists()
        user._kk_national = cached
    return bool(cached)


def published_or_shared(
    user: Any, municipality: Municipality, published: str = "is_published"
) -> Q:
    """Which rows of a municipality's table with a `published` flag and `shared_with_programme`
    this reader sees: all for its members; published ones for everyone else, and for staff of
    the programme office and the agencies also the shared ones."""
    if can_view_unpublished(user, municipality):
        return Q()
    condition = Q(**{published: True})
    if is_national_staff(user):
        condition |= Q(shared_with_programme=True)
    return condition


def published_or_included(
    user: Any, municipality: Municipality, published: str = "is_published"
) -> Q:
    """`published_or_shared`, and for `REPORT` also the rows an editor marked
    `include_in_report` (for tables that have that flag)."""
    condition = published_or_shared(user, municipality, published)
    if isinstance(user, ReportReader):
        condition |= Q(include_in_report=True)
    return condition


def can_view_item(
    user: Any, municipality: Municipality, item: Any, published: str = "is_published"
) -> bool:
    """The whole-object form of `published_or_included`: may this reader see this item?"""
    if getattr(item, published):
        return True
    if can_view_unpublished(user, municipality):
        return True
    if getattr(item, "shared_with_programme", False) and is_national_staff(user):
        return True
    return isinstance(user, ReportReader) and bool(getattr(item, "include_in_report", False))


def require_view_item(
    user: Any, municipality: Municipality, item: Any, published: str = "is_published"
) -> None:
    if not can_view_item(user, municipality, item, published):
        raise PermissionDenied(_("This is not published."))


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


def require_admin(user: Any, municipality: Municipality) -> None:
    """The municipality's own facts (its organisation number, its open data contact)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not can_admin(user, municipality):
        raise PermissionDenied(
            _("You need the administrator role in %(municipality)s to change this.")
            % {"municipality": municipality.name}
        )


def require_site_admin(user: Any) -> None:
    """National data, shared by every municipality: site administrators (superusers) only."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not user.is_superuser:
        raise PermissionDenied(_("Only a site administrator may change national data."))


def require_view_unpublished(user: Any, municipality: Municipality) -> None:
    if not can_view_unpublished(user, municipality):
        raise PermissionDenied(_("This is not published."))


def department_ids(user: Any, municipality: Municipality) -> set[int]:
    """The departments of `municipality` the user works in (their membership's department)."""
    if user is None or not user.is_authenticated or getattr(user, "pk", None) is None:
        return set()
    return set(
        Membership.objects.filter(
            user=user,
            organisation_id=municipality.organisation_id,
            department__municipality=municipality,
        ).values_list("department_id", flat=True)
    )


def can_answer_for(user: Any, municipality: Municipality, department_id: int | None) -> bool:
    """Editors answer any proposal of their municipality; a member of the department it is
    assigned to answers it too, whatever their role."""
    if can_edit(user, municipality):
        return True
    return department_id is not None and department_id in department_ids(user, municipality)


def require_answer_for(user: Any, municipality: Municipality, department_id: int | None) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not can_answer_for(user, municipality, department_id):
        raise PermissionDenied(
            _("Only an editor or the assigned department in %(municipality)s may answer this.")
            % {"municipality": municipality.name}
        )


NATIONAL_KINDS = (Organisation.Kind.PROGRAMME, Organisation.Kind.AGENCY)


def _roles_in_kind(user: Any, kinds: tuple[str, ...]) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user=user, organisation__kind__in=kinds).values_list(
            "role", flat=True
        )
    )


def can_edit_common_part(user: Any) -> bool:
    """Editors and admins of the programme office (and site administrators)."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    return bool(_roles_in_kind(user, (Organisation.Kind.PROGRAMME,)) & WRITE_ROLES)


def require_common_part_edit(user: Any) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not can_edit_common_part(user):
        raise PermissionDenied(
            _("Only editors of the programme office (Viable Cities) change the common part.")
        )


def can_view_common_drafts(user: Any) -> bool:
    """Staff of the programme and the agencies, who prepare the common part together."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    return bool(_roles_in_kind(user, NATIONAL_KINDS))


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    return role_in_organisation(user, organisation.pk) in WRITE_ROLES


def require_organisation_edit(user: Any, organisation: Organisation) -> None:
    """Items an agency or the programme owns (the status of its common commitments)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not can_edit_organisation(user, organisation):
        raise PermissionDenied(
            _("You need the editor role in %(organisation)s to change this.")
            % {"organisation": organisation.name}
        )


def can_edit_national_report(user: Any) -> bool:
    """The national yearly follow-up report: the programme office's editors (as the common part)."""
    return can_edit_common_part(user)


def require_national_report_edit(user: Any) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not can_edit_national_report(user):
        raise PermissionDenied(
            _("Only editors of the programme office (Viable Cities) prepare the national report.")
        )


def can_view_national_report_drafts(user: Any) -> bool:
    """Programme and agency staff read the national report before it is published."""
    return can_view_common_drafts(user)


def can_edit_calls(user: Any) -> bool:
    """Calls for funding are shared by every city: editors and admins of the programme office
    or of an agency enter and import them (and site administrators)."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    return bool(_roles_in_kind(user, NATIONAL_KINDS) & WRITE_ROLES)


def require_calls_edit(user: Any) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("You must log in to change this."))
    if not can_edit_calls(user):
        raise PermissionDenied(
            _("Only editors of the programme office or an agency enter calls for funding.")
        )


def can_request_open_data(user: Any) -> bool:
    """Rebuilding the open data files now (they are rebuilt every night anyway): any editor or
    admin of any organisation (a city that just published, the programme office), and site
    administrators. A build publishes only what is already public."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=WRITE_ROLES).exists()
