from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from klimatkontrakt.organisations.models import County, Department, Municipality, Organisation


def municipality_by_code(code: str) -> Municipality:
    try:
        return Municipality.objects.select_related("county", "organisation").get(code=code)
    except Municipality.DoesNotExist as exc:
        raise Http404(f"No municipality with code {code}") from exc


def municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("county").order_by("name")


def contract_municipalities() -> QuerySet[Municipality]:
    return municipalities().filter(in_climate_contract=True)


def municipalities_by_code(codes: Iterable[str]) -> dict[str, Municipality]:
    return {m.code: m for m in Municipality.objects.filter(code__in=list(codes))}


def municipality_names() -> dict[str, str]:
    """Every municipality's name by its SCB code."""
    return dict(Municipality.objects.values_list("code", "name"))


def municipality_codes() -> dict[str, str]:
    """Every municipality's SCB code by its name, as SMHI's files name them."""
    return dict(Municipality.objects.values_list("name", "code"))


def municipality_ids() -> dict[str, int]:
    return dict(Municipality.objects.values_list("code", "id"))


def counties() -> QuerySet[County]:
    return County.objects.order_by("code")


def county_codes() -> dict[str, str]:
    """Every county's SCB code by its name."""
    return dict(County.objects.values_list("name", "code"))


def county_ids() -> dict[str, int]:
    return dict(County.objects.values_list("code", "id"))


def departments(municipality: Municipality) -> QuerySet[Department]:
    return Department.objects.filter(municipality=municipality)


def department_of(municipality: Municipality, pk: int) -> Department:
    try:
        return departments(municipality).get(pk=pk)
    except Department.DoesNotExist as exc:
        raise Http404(f"No department {pk} in {municipality.code}") from exc


def agencies() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.AGENCY).order_by("name")


def personal_data(user: Any) -> dict[str, Any]:
    """Everything the system holds about a user, for a GDPR access request."""
    from klimatkontrakt.organisations.personal_data import sources

    return {
        "username": user.get_username(),
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
        **{source.key: source.export(user) for source in sources()},
    }
