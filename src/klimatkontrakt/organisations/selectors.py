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
