from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from klimatkontrakt.organisations.models import County, Municipality, Organisation


def municipality_by_code(code: str) -> Municipality:
    try:
        return Municipality.objects.select_related("county", "organisation").get(code=code)
    except Municipality.DoesNotExist as exc:
        raise Http404(f"No municipality with code {code}") from exc


def municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("county").order_by("name")


def contract_municipalities() -> QuerySet[Municipality]:
    return municipalities().filter(in_climate_contract=True)


def counties() -> QuerySet[County]:
    return County.objects.order_by("code")


def agencies() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.AGENCY).order_by("name")


def personal_data(user: Any) -> dict[str, Any]:
    """Everything the system holds about a user, for a GDPR access request."""
    from klimatkontrakt.contracts.models import CommitmentChange
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
        "changes": [
            {
                "at": c.at.isoformat(),
                "action": c.action,
                "version": c.version.year,
                "municipality": c.version.contract.municipality.code,
            }
            for c in CommitmentChange.objects.filter(user=user).select_related(
                "version__contract__municipality"
            )
        ],
        **{source.key: source.export(user) for source in sources()},
    }
