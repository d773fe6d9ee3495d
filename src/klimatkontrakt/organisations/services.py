"""Writes for organisations. Each function is one use case in one transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatkontrakt.organisations.access import require_admin, require_edit
from klimatkontrakt.organisations.models import (
    County,
    Department,
    Membership,
    Municipality,
    MunicipalityStatus,
    Organisation,
)
from klimatkontrakt.sources.contract_cities import read_contract_cities
from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.orgnumber import InvalidOrgNumber, normalise_org_number
from klimatkontrakt.sources.scb import read_code_list

BUNDLED_CODE_LIST = Path(__file__).parent / "data" / "scb_lan_och_kommuner_2023.csv"
# The one truth for Municipality.in_climate_contract (source in data/README.md).
BUNDLED_CONTRACT_CITIES = Path(__file__).parent / "data" / "klimatkontrakt2030_cities.csv"


@dataclass(frozen=True)
class ImportSummary:
    counties_created: int
    counties_updated: int
    municipalities_created: int
    municipalities_updated: int


@transaction.atomic
def import_municipalities(path: Path | str) -> ImportSummary:
    """Create or rename counties and municipalities from an SCB code list. Re-running is a no-op."""
    codes = read_code_list(path)
    c_new = c_upd = m_new = m_upd = 0
    counties: dict[str, County] = {c.code: c for c in County.objects.all()}
    for code, name in codes.counties.items():
        county = counties.get(code)
        if county is None:
            counties[code] = County.objects.create(code=code, name=name)
            c_new += 1
        elif county.name != name:
            county.name = name
            county.save(update_fields=["name"])
            c_upd += 1
    existing = {m.code: m for m in Municipality.objects.select_related("organisation")}
    for code, (name, county_code) in codes.municipalities.items():
        muni = existing.get(code)
        if muni is None:
            org = Organisation.objects.create(
                kind=Organisation.Kind.MUNICIPALITY,
                name=f"{name} kommun",
                slug=f"kommun-{code}",
            )
            Municipality.objects.create(
                code=code, name=name, county=counties[county_code], organisation=org
            )
            m_new += 1
        elif muni.name != name or muni.county_id != counties[county_code].pk:
            muni.name = name
            muni.county = counties[county_code]
            muni.save(update_fields=["name", "county"])
            m_upd += 1
    return ImportSummary(c_new, c_upd, m_new, m_upd)


@transaction.atomic
def ensure_organisation(kind: str, name: str, *, slug: str = "", **fields: str) -> Organisation:
    org, _created = Organisation.objects.update_or_create(
        slug=slug or slugify(name)[:100], defaults={"kind": kind, "name": name, **fields}
    )
    return org


@transaction.atomic
def ensure_department(
    municipality: Municipality, name: str, kind: str, short_name: str = ""
) -> Department:
    dept, _created = Department.objects.update_or_create(
        municipality=municipality, name=name, defaults={"kind": kind, "short_name": short_name}
    )
    return dept


@transaction.atomic
def grant_role(
    user: Any, organisation: Organisation, role: str, department: Department | None = None
) -> Membership:
    """The user's role in `organisation`; `department` places them in one of its municipality's
    departments (whose queue of proposals they answer)."""
    if role not in Membership.Role.values:
        raise ValueError(
            f"unknown role {role!r}; choose one of {', '.join(Membership.Role.values)}"
        )
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"role": role} | ({"department": department} if department else {}),
    )
    return membership


@transaction.atomic
def save_status_list(
    user: Any,
    municipality: Municipality,
    changed: Sequence[MunicipalityStatus],
    deleted: Sequence[MunicipalityStatus] = (),
) -> None:
    """Save an edited status list: renamed, reordered, flagged, added and deleted statuses.

    A new status gets a key from its name (keys stay fixed: imports and reports match on them).
    A status still in use is not deleted; the whole change is refused, naming it."""
    require_edit(user, municipality)
    for status in [*changed, *deleted]:
        if status.pk is not None and status.municipality_id != municipality.pk:
            raise PermissionDenied(_("The status belongs to another municipality."))
    language = get_language()
    refused = []
    for status in deleted:
        try:
            status.delete()
        except ProtectedError:
            refused.append(
                _(
                    "The status “%(status)s” is in use and cannot be deleted. "
                    "Give what uses it another status first."
                )
                % {"status": status.label(language)}
            )
    if refused:
        raise ValidationError(refused)
    for status in changed:
        if status.pk is None:
            status.municipality = municipality
            status.key = _free_status_key(status)
        status.save()
    if deleted and not type(deleted[0]).objects.filter(municipality=municipality).exists():
        raise ValidationError(_("Keep at least one status."))


def _free_status_key(status: MunicipalityStatus) -> str:
    """A slug of the status's name that no other status of the municipality uses yet."""
    taken = set(
        type(status).objects.filter(municipality=status.municipality).values_list("key", flat=True)
    )
    base = slugify(status.name_en or status.name_sv)[:40] or f"status-{len(taken) + 1}"
    key, n = base, 2
    while key in taken:
        suffix = f"-{n}"
        key, n = base[: 40 - len(suffix)] + suffix, n + 1
    return key


@transaction.atomic
def create_user(
    username: str,
    password: str,
    *,
    email: str = "",
    organisation: Organisation | None = None,
    role: str = Membership.Role.EDITOR,
    superuser: bool = False,
) -> AbstractBaseUser:
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValueError(f"a user named {username!r} already exists")
    if superuser:
        user = User.objects.create_superuser(username=username, email=email, password=password)
    else:
        user = User.objects.create_user(username=username, email=email, password=password)
    if organisation is not None:
        grant_role(user, organisation, role)
    return user


@transaction.atomic
def erase_user(user: Any) -> None:
    """GDPR erasure: the account and its memberships go; change history keeps an anonymous actor.
    Each app's registered source first erases what it holds about the user (personal_data).
    The change log keeps its entries, which name the account by id only, and records the erasure
    itself as one entry by the account."""
    from klimatkontrakt.audit import context as audit
    from klimatkontrakt.audit.models import ChangeLogEntry
    from klimatkontrakt.audit.services import log_change
    from klimatkontrakt.organisations.personal_data import sources

    with audit.quiet():
        for source in sources():
            source.erase(user)
        log_change(user, None, ChangeLogEntry.Action.DELETED, user)
        user.delete()


@dataclass(frozen=True)
class ContractCitiesSummary:
    marked: int
    unmarked: int
    names: list[str]


@transaction.atomic
def set_contract_cities(path: Path | str = BUNDLED_CONTRACT_CITIES) -> ContractCitiesSummary:
    """Mark exactly the municipalities of the list as contract cities and unmark every other.
    All or nothing: a name that matches no municipality refuses the whole file."""
    path = Path(path)
    cities = read_contract_cities(path)
    by_name = {m.name.lower(): m for m in Municipality.objects.all()}
    problems = [
        RowProblem(
            path.name,
            c.row,
            "kommun",
            _("no municipality is called %(name)s (names as in SCB's code list, e.g. Göteborg)")
            % {"name": c.name},
        )
        for c in cities
        if c.name.lower() not in by_name
    ]
    if problems:
        raise SourceError(problems)
    listed = {by_name[c.name.lower()].pk for c in cities}
    marked = unmarked = 0
    # One save per change (not a bulk update): the audit log and the page cache see each one.
    for muni in by_name.values():
        if muni.in_climate_contract != (muni.pk in listed):
            muni.in_climate_contract = muni.pk in listed
            muni.save(update_fields=["in_climate_contract"])
            marked, unmarked = (
                (marked + 1, unmarked) if muni.in_climate_contract else (marked, unmarked + 1)
            )
    return ContractCitiesSummary(marked, unmarked, [by_name[c.name.lower()].name for c in cities])


@transaction.atomic
def set_catalogue_facts(
    user: Any, municipality: Municipality, *, org_number: str, open_data_email: str, website: str
) -> Organisation:
    """What the municipality's open data catalogue says about it (opendata/catalogue.py): its
    organisation number (checked, stored as NNNNNN-NNNN; empty: no catalogue of its own), the
    functional mailbox of its contact point, and its website. Administrators only."""
    require_admin(user, municipality)
    org = Organisation.objects.select_for_update().get(pk=municipality.organisation_id)
    number = ""
    if org_number.strip():
        try:
            number = normalise_org_number(org_number)
        except InvalidOrgNumber as exc:
            raise ValidationError(
                {
                    "org_number": _(
                        "Not an organisation number: ten digits, e.g. 212000-1850, with a "
                        "correct control digit."
                    )
                }
            ) from exc
    org.org_number = number
    org.open_data_email = open_data_email.strip()
    org.website = website.strip()
    org.full_clean(exclude=["slug"])
    org.save(update_fields=["org_number", "open_data_email", "website"])
    return org
