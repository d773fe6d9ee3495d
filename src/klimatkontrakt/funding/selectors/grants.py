"""Every read about grants. `portfolio` is the one function behind a city's portfolio page, its
downloads, the API and `klimatkontrakt portfolio`; `national_portfolio` the same for all the
contract cities side by side."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from klimatkontrakt.funding.models import Grant, GrantMeasureLink, GroupOrganisation, RecipientKind
from klimatkontrakt.organisations.access import can_view_unpublished
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.selectors import contract_municipalities


def counted(municipality: Municipality) -> QuerySet[Grant]:
    """The grants in the city's portfolio: matched by number, in its territory, entered for it,
    or matched by name and accepted."""
    return Grant.objects.filter(municipality=municipality, review__in=Grant.COUNTED)


def to_review(user: Any, municipality: Municipality) -> QuerySet[Grant]:
    """Grants matched to the city by name only, waiting for an editor (members only)."""
    if not can_view_unpublished(user, municipality):
        return Grant.objects.none()
    return Grant.objects.filter(municipality=municipality, review=Grant.Review.PENDING)


def group_organisations(municipality: Municipality) -> QuerySet[GroupOrganisation]:
    return GroupOrganisation.objects.filter(municipality=municipality)


def grant_of(municipality: Municipality, pk: int, user: Any = None) -> Grant:
    """A grant of the city's portfolio (or, for its members, one waiting for review)."""
    from django.http import Http404

    grants = Grant.objects.filter(municipality=municipality)
    if not can_view_unpublished(user, municipality):
        grants = grants.filter(review__in=Grant.COUNTED)
    grant = grants.filter(pk=pk).first()
    if grant is None:
        raise Http404(_("No such grant."))
    return grant


def _sek(value: Decimal | float | None) -> float:
    return round(float(value or 0), 2)


@dataclass
class Portfolio:
    """A city's grants summed up; amounts in SEK."""

    municipality: Municipality
    total_sek: float
    by_funder: dict[str, float]
    by_year: dict[int, float]
    by_programme: dict[str, float]
    by_recipient: dict[str, float]  # RecipientKind value -> SEK
    by_funder_year: list[dict[str, Any]]  # {"funder", "year", "sek"}
    grants: int
    unmatched: int
    sources: list[str] = field(default_factory=list)
    has_example: bool = False

    def json(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality.code,
            "name": self.municipality.name,
            "total_sek": self.total_sek,
            "by_funder": self.by_funder,
            "by_year": {str(y): v for y, v in self.by_year.items()},
            "by_programme": self.by_programme,
            "by_recipient": self.by_recipient,
            "grants": self.grants,
            "unmatched": self.unmatched,
            "sources": self.sources,
            "example_data": self.has_example,
        }


def _sums(queryset: QuerySet[Grant], key: str) -> dict[Any, float]:
    rows = queryset.values(key).annotate(sek=Sum("amount_sek")).order_by(key)
    return {r[key]: _sek(r["sek"]) for r in rows}


def portfolio(municipality: Municipality) -> Portfolio:
    """The city's portfolio: its grants by funder, year, programme and kind of recipient.
    `unmatched` counts grants matched by name only and not yet accepted (not in the sums)."""
    grants = counted(municipality)
    by_funder = dict(sorted(_sums(grants, "funder_name").items(), key=lambda kv: -kv[1]))
    by_programme = {
        (k or _("No programme given")): v for k, v in _sums(grants, "programme").items()
    }
    by_recipient = {k: v for k, v in _sums(grants, "recipient_kind").items() if k}
    rows = (
        grants.values("funder_name", "year")
        .annotate(sek=Sum("amount_sek"))
        .order_by("year", "funder_name")
    )
    return Portfolio(
        municipality=municipality,
        total_sek=_sek(grants.aggregate(s=Sum("amount_sek"))["s"]),
        by_funder=by_funder,
        by_year=_sums(grants, "year"),
        by_programme=by_programme,
        by_recipient=by_recipient,
        by_funder_year=[
            {"funder": r["funder_name"], "year": r["year"], "sek": _sek(r["sek"])} for r in rows
        ],
        grants=grants.count(),
        unmatched=Grant.objects.filter(
            municipality=municipality, review=Grant.Review.PENDING
        ).count(),
        sources=sorted(set(grants.values_list("source_name", flat=True))),
        has_example=grants.filter(is_example=True).exists(),
    )


def recipient_label(kind: str) -> str:
    return str(RecipientKind(kind).label) if kind in RecipientKind.values else kind


def grant_rows(grants: QuerySet[Grant]) -> QuerySet[Grant]:
    return grants.select_related("funder").prefetch_related("measure_links__measure")


def links_of(grant: Grant) -> QuerySet[GrantMeasureLink]:
    return GrantMeasureLink.objects.filter(
        grant__funder_name=grant.funder_name,
        grant__reference=grant.reference,
        grant__recipient_key=grant.recipient_key,
    ).select_related("measure", "measure__plan", "grant")


# --- across cities --------------------------------------------------------------------------


def population_by_code() -> dict[str, tuple[float, int]]:
    """Each municipality's population and its year, from SCB's file in the comparison app."""
    from klimatkontrakt.comparison.models import Figure
    from klimatkontrakt.comparison.selectors import current_files

    source_file = current_files().get("scb_population")
    if source_file is None:
        return {}
    figures = Figure.objects.filter(source_file=source_file, key="population").order_by("year")
    return {
        code: (float(number), int(year))
        for code, number, year in figures.values_list("municipality__code", "number", "year")
        if number is not None and year is not None
    }


def unplaced_by_county() -> list[dict[str, Any]]:
    """Klimatklivet grants no city holds (charging points have no municipality in the file):
    counted per county where the file names one."""
    rows = (
        Grant.objects.filter(municipality__isnull=True, programme="Klimatklivet")
        .values("county_name")
        .annotate(sek=Sum("amount_sek"), grants=Count("pk"))
        .order_by("county_name")
    )
    return [
        {
            "county": r["county_name"] or _("County not given in the file"),
            "grants": r["grants"],
            "sek": _sek(r["sek"]),
        }
        for r in rows
    ]


@dataclass
class NationalPortfolio:
    cities: list[dict[str, Any]]  # one per contract city: code, name, total, per capita ...
    rows: list[dict[str, Any]]  # city, funder, year, sek: the side-by-side table
    funders: list[str]
    years: list[int]


def national_portfolio(year: int | None = None) -> NationalPortfolio:
    """All contract cities' portfolios side by side, by agency and year, and per resident.
    Only counted grants; the same sums as each city's `portfolio`."""
    people = population_by_code()
    cities = list(contract_municipalities().order_by("name"))
    grants = Grant.objects.filter(municipality__in=cities, review__in=Grant.COUNTED)
    if year is not None:
        grants = grants.filter(year=year)
    sums = (
        grants.values("municipality__code", "funder_name", "year")
        .annotate(sek=Sum("amount_sek"))
        .order_by("municipality__code", "year", "funder_name")
    )
    by_city: dict[str, float] = defaultdict(float)
    by_city_funder: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    by_city_year: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    names = {m.code: m.name for m in cities}
    rows: list[dict[str, Any]] = []
    for r in sums:
        code, sek = r["municipality__code"], _sek(r["sek"])
        by_city[code] += sek
        by_city_funder[code][r["funder_name"]] += sek
        by_city_year[code][r["year"]] += sek
        rows.append(
            {
                "city": names[code],
                "code": code,
                "funder": r["funder_name"],
                "year": r["year"],
                "sek": sek,
            }
        )
    out = []
    for m in cities:
        total = round(by_city[m.code], 2)
        population = people.get(m.code)
        out.append(
            {
                "code": m.code,
                "name": m.name,
                "total_sek": total,
                "population": int(population[0]) if population else None,
                "population_year": population[1] if population else None,
                "sek_per_capita": round(total / population[0], 2)
                if population and population[0]
                else None,
                "by_funder": dict(by_city_funder[m.code]),
                "by_year": {str(y): v for y, v in sorted(by_city_year[m.code].items())},
            }
        )
    return NationalPortfolio(
        cities=out,
        rows=rows,
        funders=sorted({r["funder"] for r in rows}),
        years=sorted({r["year"] for r in rows}),
    )
