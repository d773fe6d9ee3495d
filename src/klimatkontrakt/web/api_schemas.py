"""Schemas and input types every app's API shares, so that the OpenAPI document has one of each
and every endpoint checks an input's meaning the same way (docs/api.md, "Input rules").

A value outside these ranges is answered 422 before the view runs: no year 0 or 200000 reaches
a chart, no id beyond the database's integer range reaches a query (SQLite and PostgreSQL
raise an overflow error for it), no page asks for a million rows, no NaN or 1e308 is stored."""

from collections.abc import Sequence
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import Schema
from pydantic import Field

YEAR_MIN, YEAR_MAX = 1900, 2100
ID_MAX = 2**31 - 1  # PostgreSQL's integer; SQLite takes more, but an id beyond it never exists
PAGE_SIZE_MAX = 1000
AMOUNT_MAX = 1e12  # tonnes, kronor or a count: far beyond any municipality, far below overflow

Year = Annotated[
    int, Field(ge=YEAR_MIN, le=YEAR_MAX, description=f"a year from {YEAR_MIN} to {YEAR_MAX}")
]
Id = Annotated[int, Field(ge=1, le=ID_MAX, description=f"a record's id, 1 to {ID_MAX}")]
Limit = Annotated[
    int, Field(ge=1, le=PAGE_SIZE_MAX, description=f"rows per page, 1 to {PAGE_SIZE_MAX}")
]
Offset = Annotated[int, Field(ge=0, le=ID_MAX, description="rows to skip")]
Amount = Annotated[
    float,
    Field(
        allow_inf_nan=False,
        ge=-AMOUNT_MAX,
        le=AMOUNT_MAX,
        description=f"a finite number, at most {AMOUNT_MAX:g} in size",
    ),
]
Tonnes = Annotated[
    float,
    Field(allow_inf_nan=False, ge=0, le=AMOUNT_MAX, description="tonnes, finite, 0 or more"),
]
Count = Annotated[int, Field(ge=0, le=10_000_000, description="a count, 0 or more")]
Share = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1, description="a share from 0 to 1")]


class Error(Schema):
    """The body of every 4xx answer: a message, and per field for invalid input."""

    detail: str
    errors: dict[str, Any] | None = None


Tag = Annotated[str, Field(max_length=100)]


# Paging of lists (docs/api.md, "Lists"): `limit` 1 to PAGE_SIZE_MAX, `offset` 0 or more, the
# total in the `X-Total-Count` header (the body stays the list it always was).
TOTAL_HEADER = "X-Total-Count"


def stable_order(rows: "QuerySet[Any]") -> "QuerySet[Any]":
    """The query's own order (or its model's) with the primary key last: pages never overlap
    nor skip a row between rows that tie."""
    order = [str(o) for o in rows.query.order_by] or list(rows.model._meta.ordering or ())
    if not {"pk", "-pk", "id", "-id"} & set(order):
        order.append("pk")
    return rows.order_by(*order)


def paged(
    response: HttpResponse, rows: "QuerySet[Any] | Sequence[Any]", limit: int, offset: int
) -> list[Any]:
    """One page of `rows` (a query in a stable order, or a list already in one), setting the
    total of all rows in `X-Total-Count` on the answer."""
    if isinstance(rows, QuerySet):
        rows = stable_order(rows)
        total = rows.count()
    else:
        total = len(rows)
    response[TOTAL_HEADER] = str(total)
    return list(rows[offset : offset + limit])
