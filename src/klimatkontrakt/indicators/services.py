"""Writes for indicators: refreshing Kolada indicators, values computed by other apps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from klimatkontrakt.indicators.models import Indicator, IndicatorValue
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.kolada import KoladaClient, KoladaValue
from klimatkontrakt.sources.kolada_kpis import ClimateKpi, kolada_area_code, load_climate_kpis


class UnknownKpiError(ValueError):
    """A KPI was asked for that neither an indicator nor the default list knows."""


@dataclass
class RefreshResult:
    """What one fetch-kolada run changed, per KPI and in total."""

    municipality: str
    created_indicators: list[str] = field(default_factory=list)
    stored: int = 0  # values new or changed
    unchanged: int = 0
    deleted: int = 0
    per_kpi: dict[str, int] = field(default_factory=dict)  # values Kolada sent, per KPI


def kolada_client() -> KoladaClient:
    """The client configured by settings (KOLADA_BASE_URL, KOLADA_CACHE_DIR, ...)."""
    cache_dir = getattr(settings, "KOLADA_CACHE_DIR", None)
    if cache_dir is None:
        cache_dir = Path(getattr(settings, "BASE_DIR", ".")) / "var" / "cache" / "kolada"
    return KoladaClient(
        getattr(settings, "KOLADA_BASE_URL", "https://api.kolada.se/v3"),
        timeout=float(getattr(settings, "KOLADA_TIMEOUT", 30.0)),
        cache_dir=cache_dir or None,
        max_age=float(getattr(settings, "KOLADA_MAX_AGE", 24 * 3600)),
    )


def _indicator_from_kpi(municipality: Municipality, kpi: ClimateKpi) -> Indicator:
    return Indicator(
        municipality=municipality,
        name=kpi.name_sv,
        unit=kpi.unit,
        direction=kpi.direction,
        source_kind=Indicator.SourceKind.KOLADA,
        kolada_kpi=kpi.id,
        kolada_level=kpi.level,
        description=f"Kolada {kpi.id}. {kpi.name_en}.",
        is_published=True,
    )


def _planned_indicators(
    municipality: Municipality, kpi_ids: Sequence[str] | None
) -> tuple[list[Indicator], list[Indicator]]:
    """Existing Kolada indicators to refresh, and unsaved ones to create from the default list."""
    existing = {
        i.kolada_kpi: i
        for i in Indicator.objects.filter(
            municipality=municipality, source_kind=Indicator.SourceKind.KOLADA
        )
    }
    defaults = {k.id: k for k in load_climate_kpis()}
    if kpi_ids:
        wanted = list(dict.fromkeys(kpi_ids))
    elif existing:
        wanted = list(existing)
    else:
        wanted = list(defaults)
    refresh, create = [], []
    for kpi_id in wanted:
        if kpi_id in existing:
            refresh.append(existing[kpi_id])
        elif kpi_id in defaults:
            create.append(_indicator_from_kpi(municipality, defaults[kpi_id]))
        else:
            raise UnknownKpiError(
                f"{municipality.name} has no indicator for Kolada KPI {kpi_id}, and it is not in "
                "the default climate KPI list; create the indicator first"
            )
    return refresh, create


def _fetch(
    client: KoladaClient, municipality: Municipality, indicators: Sequence[Indicator]
) -> list[KoladaValue]:
    by_area: dict[str, list[str]] = {}
    for indicator in indicators:
        area = kolada_area_code(municipality.code, indicator.kolada_level)
        by_area.setdefault(area, []).append(indicator.kolada_kpi)
    values: list[KoladaValue] = []
    # The municipality's own request first, then its region's.
    for area, kpis in sorted(by_area.items(), key=lambda item: item[0] != municipality.code):
        values.extend(client.data(kpis, [area]))
    return values


def refresh_kolada_indicators(
    municipality: Municipality,
    kpi_ids: Sequence[str] | None = None,
    *,
    client: KoladaClient | None = None,
    user: Any = None,
    check_access: bool = False,
) -> RefreshResult:
    """Fetch the municipality's Kolada indicators and store their values, all or nothing.

    Every request is made before anything is written; a failed request (KoladaError)
    leaves the database as it was. Kolada's answer replaces the stored values: years it no
    longer lists, or marks deleted, are removed, except when it sends no rows at all for a
    KPI (then the stored values stay). With ``check_access`` the user needs the editor role.
    """
    if check_access:
        require_edit(user, municipality)
    refresh, create = _planned_indicators(municipality, kpi_ids)
    values = _fetch(client or kolada_client(), municipality, [*refresh, *create])
    result = RefreshResult(municipality=municipality.code)
    with transaction.atomic():
        for indicator in create:
            indicator.save()
            result.created_indicators.append(indicator.kolada_kpi)
        indicators = {i.kolada_kpi: i for i in [*refresh, *create]}
        received: dict[str, set[tuple[int, str]]] = {}
        for value in values:
            target = indicators.get(value.kpi)
            if target is None:
                continue  # Kolada answered with a KPI we did not ask for
            result.per_kpi[value.kpi] = result.per_kpi.get(value.kpi, 0) + 1
            if _store(target, value, result):
                received.setdefault(value.kpi, set()).add((value.period, value.gender))
        for kpi, indicator in indicators.items():
            if kpi in result.per_kpi:
                result.deleted += _drop_missing(indicator, received.get(kpi, set()))
    return result


def _drop_missing(indicator: Indicator, kept: set[tuple[int, str]]) -> int:
    """Remove stored values Kolada no longer publishes (a full fetch lists all it has)."""
    stale = [v.pk for v in indicator.values.all() if (v.year, v.gender) not in kept]
    if not stale:
        return 0
    deleted, _ = IndicatorValue.objects.filter(pk__in=stale).delete()
    return deleted


def _store(indicator: Indicator, value: KoladaValue, result: RefreshResult) -> bool:
    """Store one value; True when Kolada still publishes a figure for that year and gender."""
    if value.deleted or value.value is None:
        return False  # deleted upstream, or the year is listed without a figure
    provenance = f"Kolada {value.kpi}, {value.municipality}: {value.source_url}"
    current = IndicatorValue.objects.filter(
        indicator=indicator, year=value.period, gender=value.gender
    ).first()
    if current is not None and current.value == value.value:
        result.unchanged += 1
        return True
    IndicatorValue.objects.update_or_create(
        indicator=indicator,
        year=value.period,
        gender=value.gender,
        defaults={"value": value.value, "provenance": provenance, "fetched_at": value.fetched_at},
    )
    result.stored += 1
    return True


@transaction.atomic
def store_computed_values(
    municipality: Municipality,
    name: str,
    defaults: dict[str, Any],
    values: dict[int, float],
    provenance: str,
) -> Indicator:
    """An indicator whose yearly totals another app computes: created with `defaults` when new,
    its values replaced by `values` (years not in it are removed)."""
    indicator, _created = Indicator.objects.get_or_create(
        municipality=municipality, name=name, defaults=defaults
    )
    indicator.values.exclude(year__in=values).delete()
    now = timezone.now()
    for year, value in values.items():
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            year=year,
            gender=IndicatorValue.Gender.TOTAL,
            defaults={"value": value, "provenance": provenance, "fetched_at": now},
        )
    return indicator


@transaction.atomic
def store_national_values(
    name: str,
    defaults: dict[str, Any],
    values: Mapping[Municipality, tuple[int, float, str] | None],
) -> int:
    """Each municipality's indicator `name` from the national comparison (source "national"),
    created with `defaults` where missing, with the year's value (year, value, provenance)
    stored or replaced; other years stay, so successive editions make a series (and a trend
    for the status rule). None: the comparison has no figure now, nothing is stored.
    Bulk writes: one call covers all 290. Returns the number of values stored."""
    kind = Indicator.SourceKind.NATIONAL
    existing = {
        i.municipality_id: i
        for i in Indicator.objects.filter(name=name, source_kind=kind, municipality__in=values)
    }
    new = [
        Indicator(municipality=m, name=name, source_kind=kind, **defaults)
        for m in values
        if m.pk not in existing
    ]
    for indicator in new:
        indicator.save()  # one by one: every database returns the new key
        existing[indicator.municipality_id] = indicator
    now = timezone.now()
    for year in {found[0] for found in values.values() if found is not None}:
        IndicatorValue.objects.filter(
            indicator__in=[existing[m.pk] for m, f in values.items() if f and f[0] == year],
            year=year,
        ).delete()
    stored = [
        IndicatorValue(
            indicator=existing[m.pk],
            year=found[0],
            value=found[1],
            gender=IndicatorValue.Gender.TOTAL,
            provenance=found[2][:500],
            fetched_at=now,
        )
        for m, found in values.items()
        if found is not None
    ]
    IndicatorValue.objects.bulk_create(stored)
    return len(stored)
