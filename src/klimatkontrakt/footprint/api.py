"""Purchase footprint in the JSON API: the same figures as the pages, same visibility rules."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from klimatkontrakt.footprint import selectors
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.api_schemas import Id, Limit, Offset, Year

router = Router(tags=["footprint"])


class LineFilters(Schema):
    year: Year | None = None
    department: str | None = None
    category: str | None = None
    supplier_id: str | None = None
    supplier_name: str | None = None
    status: str | None = None
    account: str | None = None
    ledger: Id | None = None
    limit: Limit = 100
    offset: Offset = 0


def _ledger(request: HttpRequest, code: str, pk: int | None = None) -> Any:
    muni = municipality_by_code(code)
    ledger = selectors.current_ledger(request.user, muni, pk)
    if ledger is None:
        raise Http404("No footprint is published for this municipality.")
    return ledger


@router.get("/{code}/", summary="Footprint of a municipality's purchases")
def footprint(request: HttpRequest, code: str, ledger: Id | None = None) -> dict[str, Any]:
    """Totals, by category / department / year, top suppliers, year-on-year, BAU trend to 2030,
    activity data and overlap, rules and factors (with sources), imported files."""
    obj = _ledger(request, code, ledger)
    result = dict(selectors.footprint(obj))
    result.pop("breakdown", None)
    return {
        "ledger": {
            "id": obj.pk,
            "name": obj.name,
            "published": obj.published,
            "shared_with_programme": obj.shared_with_programme,
            "example_data": obj.example_data,
        },
        **result,
    }


@router.get("/{code}/breakdown/", summary="Tonnes per year x department x category x supplier")
def breakdown(request: HttpRequest, code: str, ledger: Id | None = None) -> list[dict[str, Any]]:
    return list(selectors.footprint(_ledger(request, code, ledger))["breakdown"])


@router.get("/{code}/lines/", summary="Invoice lines behind a figure, with rule and factor")
def lines(request: HttpRequest, code: str, filters: Query[LineFilters]) -> list[dict[str, Any]]:
    obj = _ledger(request, code, filters.ledger)
    data = filters.dict(exclude={"ledger", "limit", "offset"})
    rows = selectors.invoice_lines(obj, data, limit=filters.limit, offset=filters.offset)
    for row in rows:
        row["date"] = row["date"].isoformat() if row.get("date") else None
    return rows
