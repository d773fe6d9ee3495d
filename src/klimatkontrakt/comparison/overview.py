"""What the comparison page, its map, the API and the downloads do with `comparison_rows`: the
filters and the sort (GET parameters, validated here once), each municipality's rank per
figure, a figure as the interface shows it, and the rows as JSON records and as one `Table`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.comparison.columns import BY_KEY, COLUMNS, RANKED, SIZE_LABELS, Column
from klimatkontrakt.comparison.selectors import ComparisonRow, Value
from klimatkontrakt.documents.tables import Table
from klimatkontrakt.web.templatetags.kk import day, num

NAME_SORTS = ("name", "code", "county")
SORTS = NAME_SORTS + tuple(c.key for c in COLUMNS)
ORDERS = ("asc", "desc")


@dataclass(frozen=True)
class Query:
    """The page's and the API's choices, each one of its allowed values."""

    county: str = ""
    contract: bool = False
    size: str = ""
    sort: str = "name"
    order: str = "asc"


def query_from(params: Any) -> Query:
    """The choices in GET parameters; an unknown value is left out (the page shows all)."""
    county = params.get("county", "")
    size = params.get("size", "")
    sort = params.get("sort", "name")
    order = params.get("order", "asc")
    return Query(
        county=county if county.isdigit() and len(county) == 2 else "",
        contract=params.get("contract", "") in ("1", "on", "true"),
        size=size if size in SIZE_LABELS else "",
        sort=sort if sort in SORTS else "name",
        order=order if order in ORDERS else "asc",
    )


def _name_key(name: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z."""
    return name.lower().translate({ord("å"): "{", ord("ä"): "|", ord("ö"): "}"})


def sort_value(column: Column, value: Value) -> Any:
    """What a column sorts and ranks by; None for no figure."""
    v = value.value
    if column.kind == "plan":
        return v.get("year") if v and v.get("link") else None
    if column.kind == "bool":
        return None if v is None else int(v)
    return v


def select(rows: list[ComparisonRow], query: Query) -> list[ComparisonRow]:
    """The rows the query keeps, in its order; rows without the figure come last either way."""
    kept = [
        r
        for r in rows
        if (not query.county or r.county_code == query.county)
        and (not query.contract or r.in_climate_contract)
        and (not query.size or r.size_class == query.size)
    ]
    descending = query.order == "desc"
    if query.sort in NAME_SORTS:
        attribute = {"name": "name", "code": "code", "county": "county"}[query.sort]
        return sorted(
            kept, key=lambda r: (_name_key(getattr(r, attribute)), r.code), reverse=descending
        )
    column = BY_KEY[query.sort]
    with_value = [r for r in kept if sort_value(column, r.values[column.key]) is not None]
    without = [r for r in kept if sort_value(column, r.values[column.key]) is None]
    with_value.sort(key=lambda r: sort_value(column, r.values[column.key]), reverse=descending)
    return with_value + sorted(without, key=lambda r: _name_key(r.name))


@dataclass(frozen=True)
class Rank:
    column: Column
    position: int  # 1 is best
    of: int  # municipalities with this figure

    @property
    def direction_text(self) -> str:
        return _("lower is better") if self.column.direction == "down" else _("higher is better")


def ranks(rows: list[ComparisonRow]) -> dict[str, dict[str, Rank]]:
    """Per municipality and ranked column, its place among all municipalities with the figure:
    1 + the number with a better value (equal values share a place)."""
    out: dict[str, dict[str, Rank]] = {r.code: {} for r in rows}
    for column in RANKED:
        found = [(r.code, sort_value(column, r.values[column.key])) for r in rows]
        known = sorted(v for _c, v in found if v is not None)
        if column.direction == "up":
            known.reverse()
        first: dict[Any, int] = {}
        for i, v in enumerate(known):
            first.setdefault(v, i + 1)
        for code, v in found:
            if v is not None:
                out[code][column.key] = Rank(column, first[v], len(known))
    return out


def shown(column: Column, value: Value) -> str:
    """A figure as the page shows it, in the interface language's format; "–" for none."""
    v = value.value
    if v is None:
        return "–"
    if column.kind == "bool":
        return _("Yes") if v else _("No")
    if column.kind == "date":
        return day(date.fromisoformat(v))
    if column.kind == "plan":
        return str(v["year"]) if v.get("link") and v.get("year") else "–"
    text = num(v, column.decimals)
    return f"{text}\u00a0{column.unit}" if column.unit == "%" else text


def _source_text(value: Value) -> str:
    return "; ".join(str(s) for s in value.sources)


def record(row: ComparisonRow, row_ranks: dict[str, Rank] | None = None) -> dict[str, Any]:
    """One municipality as JSON: who it is, then per column its value (unrounded), year, unit,
    reason where there is none, its source files and editions, and its rank when asked."""
    figures: dict[str, Any] = {}
    for column in COLUMNS:
        value = row.values[column.key]
        figure: dict[str, Any] = {
            "value": value.value,
            "year": value.year,
            "unit": str(column.unit),
            "reason": value.reason or None,
            "sources": [s.as_dict() for s in value.sources],
        }
        if row_ranks is not None and column.ranked:
            rank = row_ranks.get(column.key)
            figure["rank"] = rank.position if rank else None
            figure["of"] = rank.of if rank else None
            figure["better"] = "lower" if column.direction == "down" else "higher"
        figures[column.key] = figure
    return {
        "municipality": row.code,
        "name": row.name,
        "county": row.county_code,
        "county_name": row.county,
        "in_climate_contract": row.in_climate_contract,
        "size_class": row.size_class or None,
        "figures": figures,
    }


def download_table(rows: list[ComparisonRow]) -> Table:
    """The rows as one table: a column per figure (the climate plan as link and year), then per
    figure its source file and edition, and why a figure is missing."""
    columns = [
        ("municipality", _("Municipality code")),
        ("name", _("Municipality")),
        ("county", _("County")),
        ("in_climate_contract", _("Climate contract city")),
        ("size_class", _("Size class")),
    ]
    for column in COLUMNS:
        if column.kind == "plan":
            columns += [
                ("climate_plan_link", _("Climate plan (link)")),
                ("climate_plan_year", _("Climate plan adopted")),
            ]
        else:
            unit = f" ({column.unit})" if str(column.unit) else ""
            columns.append((column.key, f"{column.label}{unit}"))
    columns += [(f"source:{c.key}", _("Source: %(label)s") % {"label": c.label}) for c in COLUMNS]
    columns.append(("reasons", _("Why a figure is missing")))
    out = []
    for row in rows:
        cells: dict[str, Any] = {
            "municipality": row.code,
            "name": row.name,
            "county": row.county,
            "in_climate_contract": _("Yes") if row.in_climate_contract else _("No"),
            "size_class": str(SIZE_LABELS.get(row.size_class, "")),
        }
        for column in COLUMNS:
            value = row.values[column.key]
            v = value.value
            if column.kind == "plan":
                cells["climate_plan_link"] = (v or {}).get("link")
                cells["climate_plan_year"] = (v or {}).get("year")
            elif column.kind == "bool":
                cells[column.key] = None if v is None else (_("Yes") if v else _("No"))
            else:
                cells[column.key] = v
            cells[f"source:{column.key}"] = _source_text(value)
        cells["reasons"] = "; ".join(
            f"{c.label}: {row.values[c.key].reason}" for c in COLUMNS if row.values[c.key].reason
        )
        out.append(cells)
    return Table(
        key="jamforelse",
        title=_("Comparison of all municipalities"),
        columns=columns,
        rows=out,
        source=_("Public sources named per figure in the Source columns."),
    )


def municipality_ranks(rows: list[ComparisonRow], code: str) -> list[tuple[Rank, str]]:
    """One municipality's place per ranked figure, with the figure as the page shows it."""
    row = next((r for r in rows if r.code == code), None)
    if row is None:
        return []
    mine = ranks(rows)[code]
    return [(mine[c.key], shown(c, row.values[c.key])) for c in RANKED if c.key in mine]
