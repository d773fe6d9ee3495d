"""The comparison of all municipalities in the JSON API: the rows (filtered and sorted as on the
page), one municipality with its ranks, and the CSV/XLSX download. All public figures."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from klimatkontrakt.comparison import overview
from klimatkontrakt.comparison.selectors import comparison_rows
from klimatkontrakt.documents.tables import download

router = Router(tags=["comparison"])

SortKey = Literal[overview.SORTS]  # type: ignore[valid-type]
SizeClass = Literal["small", "medium", "large", "city"]


class Filters(Schema):
    county: Annotated[str | None, Field(pattern=r"^\d{2}$", description="SCB county code")] = None
    contract: bool = Field(False, description="only the climate contract cities")
    size: SizeClass | None = Field(None, description="size class by population")
    sort: SortKey = Field("name", description="a column key, or name, code, county")
    order: Literal["asc", "desc"] = "asc"

    def query(self) -> overview.Query:
        return overview.Query(
            county=self.county or "",
            contract=self.contract,
            size=self.size or "",
            sort=self.sort,
            order=self.order,
        )


@router.get("/", summary="Every municipality's comparison figures, with sources")
def rows(request: HttpRequest, filters: Query[Filters]) -> list[dict[str, Any]]:
    """One object per municipality kept by the filters, in the asked order (rows without the
    figure sorted by come last): each column's value, year, unit, reason and sources."""
    return [overview.record(r) for r in overview.select(comparison_rows(), filters.query())]


@router.get("/download", summary="The comparison as CSV (Swedish Excel), international CSV or XLSX")
def download_rows(
    request: HttpRequest,
    filters: Query[Filters],
    format: Literal["csv", "csv-intl", "xlsx"] = "csv",
) -> HttpResponse:
    table = overview.download_table(overview.select(comparison_rows(), filters.query()))
    return download(table, format)


@router.get("/{code}", summary="One municipality's comparison figures and ranks")
def municipality(
    request: HttpRequest, code: Annotated[str, Field(pattern=r"^\d{4}$")]
) -> dict[str, Any]:
    """The municipality's figures, and per ranked figure its place among all municipalities
    with the figure (`rank` of `of`, 1 is best) and which way is `better`."""
    everyone = comparison_rows()
    row = next((r for r in everyone if r.code == code), None)
    if row is None:
        raise Http404(f"no municipality with SCB code {code}")
    return overview.record(row, overview.ranks(everyone)[code])
