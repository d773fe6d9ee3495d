"""Emission factor sets, price-index and exchange-rate tables: all plain CSV data.

Factor CSV columns: ``category,value,unit,year,currency,source,licence`` and optionally
``price_basis,quality,low,high,fossil_share,kwh_per_unit``. The US EPA supply-chain file
(``SupplyChainGHGEmissionFactors_v1.2_NAICS_CO2e_USD2021.csv``) is read as it is published;
its categories become ``naics:<code>``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import CellError, RowProblem, SourceError
from klimatkontrakt.sources.textfiles import csv_rows, read_text

FACTOR_COLUMNS = ("category", "value", "unit", "year", "currency", "source", "licence")
_MASS = {"g": 0.001, "kg": 1.0, "t": 1000.0, "ton": 1000.0, "tonne": 1000.0}
ACTIVITY_UNITS = {
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "l": "l",
    "liter": "l",
    "litre": "l",
    "m3": "m3",
    "nm3": "Nm3",
    "kg": "kg",
    "ton": "t",
    "t": "t",
    "km": "km",
    "pkm": "pkm",
    "vkm": "km",
}
EPA_SOURCE = (
    "US EPA Supply Chain GHG Emission Factors v1.2 by NAICS-6, doi:10.23719/1528686, "
    "NAICS {code} {title}, factor with margins (kg CO2e per 2021 USD, purchaser price)"
)
EPA_LICENCE = "Public domain (US Government work, EPA ScienceHub licence)"


@dataclass(frozen=True)
class EmissionFactor:
    category: str
    value: float  # kg CO2e per one unit of the denominator
    unit: str  # the denominator: a currency code (spend) or an activity unit
    year: int
    currency: str | None
    source: str
    licence: str
    price_basis: str = "purchaser"
    quality: str = ""
    low: float | None = None
    high: float | None = None
    fossil_share: float | None = None
    kwh_per_unit: float | None = None

    @property
    def is_spend(self) -> bool:
        return self.currency is not None and self.unit == self.currency


@dataclass
class FactorSet:
    factors: dict[str, EmissionFactor] = field(default_factory=dict)
    name: str = ""

    def spend(self) -> dict[str, EmissionFactor]:
        return {c: f for c, f in self.factors.items() if f.is_spend}

    def activity(self) -> dict[str, EmissionFactor]:
        return {c: f for c, f in self.factors.items() if not f.is_spend}

    def merged(self, other: FactorSet) -> FactorSet:
        """``other`` overrides this set category by category (a better local set on top)."""
        return FactorSet({**self.factors, **other.factors}, name=f"{self.name}+{other.name}")


def parse_unit(unit: str) -> tuple[float, str]:
    """``"kg CO2e/SEK"`` -> (1.0, "SEK"); ``"g CO2e/kWh"`` -> (0.001, "kWh")."""
    match = re.fullmatch(
        r"\s*(g|kg|t|ton|tonne)\s*co2e?\s*(?:per|/)\s*([A-Za-z0-9]+)\s*", unit, re.I
    )
    if not match:
        raise ValueError(
            _("unknown unit %(unit)s; write e.g. 'kg CO2e/SEK' or 'kg CO2e/kWh'")
            % {"unit": repr(unit)}
        )
    scale = _MASS[match.group(1).lower()]
    denominator = match.group(2)
    if denominator.lower() in ACTIVITY_UNITS:
        return scale, ACTIVITY_UNITS[denominator.lower()]
    if re.fullmatch(r"[A-Za-z]{3}", denominator):
        return scale, denominator.upper()
    raise ValueError(
        _("unknown denominator %(denominator)s in the unit %(unit)s")
        % {"denominator": repr(denominator), "unit": repr(unit)}
    )


# Longest values a stored row can hold (the footprint models' max_length; a test keeps the two
# equal), so a long value is a row error naming its column rather than a database error.
FACTOR_LIMITS = {"category": 100, "price_basis": 20, "quality": 10}


def not_a_number(value: str) -> str:
    return _("%(value)s is not a number") % {"value": repr(value)}


def not_a_year(value: str) -> str:
    return _("%(value)s is not a year") % {"value": repr(value)}


def missing_columns(header: Mapping[str, str], required: Iterable[str], name: str) -> None:
    """Refuse a file whose header lacks a required column, naming every one missing."""
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(
            RowProblem(
                name, 1, None, _("columns missing: %(columns)s") % {"columns": ", ".join(missing)}
            )
        )


def check_lengths(row: Mapping[str, str], limits: Mapping[str, int]) -> None:
    """Raise CellError for the first value longer than its column allows."""
    for column, limit in limits.items():
        value = row.get(column) or ""
        if len(value) > limit:
            raise CellError(
                column,
                _("longer than %(limit)s characters (%(length)s)")
                % {"limit": limit, "length": len(value)},
            )


def _number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return float(cleaned)


def _read_rows(source: Path | str, name: str | None = None) -> tuple[str, list[dict[str, str]]]:
    if isinstance(source, Path):
        raw = source.read_bytes()
        name = name or source.name
    else:
        raw = source.encode()
        name = name or "<text>"
    text = read_text(raw, name)
    first = text[: 1 << 16].split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    lines = csv_rows(io.StringIO(text, newline=""), name, delimiter)
    header = [h.strip().lower() for h in next(lines, [])]
    rows = []
    errors = []
    for number, values in enumerate(lines, start=2):
        if not values:
            continue
        if len(values) > len(header):
            errors.append(
                RowProblem(
                    name,
                    number,
                    None,
                    _("more values than columns (quote fields with %(delimiter)s)")
                    % {"delimiter": repr(delimiter)},
                )
            )
            continue
        rows.append(
            {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        )
    if not rows and not errors:
        raise SourceError(
            _("the file has a header but no rows") if header else _("the file is empty"), name
        )
    if errors:
        raise SourceError(errors)
    return name, rows


def read_factors(source: Path | str, name: str | None = None) -> FactorSet:
    name, rows = _read_rows(source, name)
    if rows and "2017 naics code" in rows[0]:
        return _epa_factors(name, rows)
    errors: list[RowProblem] = []
    if rows:
        missing_columns(rows[0], FACTOR_COLUMNS, name)
    factors: dict[str, EmissionFactor] = {}
    for number, row in enumerate(rows, start=2):
        try:
            factor = _factor_row(row)
        except CellError as exc:
            errors.append(exc.at(name, number))
            continue
        if factor.category in factors:
            errors.append(
                RowProblem(
                    name,
                    number,
                    "category",
                    _("%(category)s is already listed") % {"category": repr(factor.category)},
                )
            )
        factors[factor.category] = factor
    if errors:
        raise SourceError(errors)
    return FactorSet(factors, name=name)


def _optional(row: Mapping[str, str], key: str) -> float | None:
    value = row.get(key, "")
    return _number(value) if value else None


def _factor_row(row: Mapping[str, str]) -> EmissionFactor:
    category = row["category"]
    if not category:
        raise CellError("category", _("empty"))
    check_lengths(row, FACTOR_LIMITS)
    try:
        value = _number(row["value"])
    except ValueError:
        raise CellError("value", not_a_number(row["value"])) from None
    try:
        scale, denominator = parse_unit(row["unit"])
    except ValueError as exc:
        raise CellError("unit", str(exc)) from None
    try:
        year = int(row["year"])
    except ValueError:
        raise CellError("year", not_a_year(row["year"])) from None
    currency = row["currency"].upper() or None
    if currency and denominator not in ACTIVITY_UNITS.values() and currency != denominator:
        raise CellError(
            "currency",
            _("%(currency)s does not match the unit %(unit)s")
            % {"currency": currency, "unit": repr(row["unit"])},
        )
    if denominator in ACTIVITY_UNITS.values():
        currency = None
    if not row["source"]:
        raise CellError("source", _("every factor must name its source"))
    low, high = _optional(row, "low"), _optional(row, "high")
    fossil = _optional(row, "fossil_share")
    if fossil is not None and not 0 <= fossil <= 1:
        raise CellError("fossil_share", _("must be between 0 and 1"))
    return EmissionFactor(
        category=category,
        value=value * scale,
        unit=denominator,
        year=year,
        currency=currency,
        source=row["source"],
        licence=row["licence"],
        price_basis=row.get("price_basis", "") or "purchaser",
        quality=row.get("quality", "").lower(),
        low=low * scale if low is not None else None,
        high=high * scale if high is not None else None,
        fossil_share=fossil,
        kwh_per_unit=_optional(row, "kwh_per_unit"),
    )


def _epa_factors(name: str, rows: list[dict[str, str]]) -> FactorSet:
    errors: list[RowProblem] = []
    factors: dict[str, EmissionFactor] = {}
    column = "supply chain emission factors with margins"
    for number, row in enumerate(rows, start=2):
        code, title = row.get("2017 naics code", ""), row.get("2017 naics title", "")
        try:
            value = float(row[column])
        except (KeyError, ValueError):
            errors.append(RowProblem(name, number, column, not_a_number(row.get(column, ""))))
            continue
        factors[f"naics:{code}"] = EmissionFactor(
            category=f"naics:{code}",
            value=value,
            unit="USD",
            year=2021,
            currency="USD",
            source=EPA_SOURCE.format(code=code, title=title),
            licence=EPA_LICENCE,
            price_basis="purchaser",
            quality="low",
        )
    if errors:
        raise SourceError(errors)
    return FactorSet(factors, name=name)


@dataclass(frozen=True)
class ConversionTables:
    """Price index by year (any base) and SEK per unit of a currency by (currency, year)."""

    price_index: dict[int, float]
    sek_per: dict[tuple[str, int], float]
    source: str = ""


def read_price_index(source: Path | str, name: str | None = None) -> dict[int, float]:
    name, rows = _read_rows(source, name)
    out: dict[int, float] = {}
    errors = []
    for number, row in enumerate(rows, start=2):
        try:
            out[int(row["year"])] = _number(row["index"])
        except (KeyError, ValueError):
            errors.append(
                RowProblem(name, number, None, _("year or index missing or not a number"))
            )
    if errors:
        raise SourceError(errors)
    return out


def read_exchange_rates(
    source: Path | str, name: str | None = None
) -> dict[tuple[str, int], float]:
    name, rows = _read_rows(source, name)
    out: dict[tuple[str, int], float] = {}
    errors = []
    for number, row in enumerate(rows, start=2):
        try:
            out[(row["currency"].upper(), int(row["year"]))] = _number(row["sek_per_unit"])
        except (KeyError, ValueError):
            errors.append(
                RowProblem(name, number, None, _("currency, year or sek_per_unit missing or wrong"))
            )
    if errors:
        raise SourceError(errors)
    return out


def _data(name: str) -> Path:
    return Path(str(resources.files("klimatkontrakt.sources") / "data" / name))


def default_factors() -> FactorSet:
    return read_factors(_data("factors_default.csv"))


def default_tables() -> ConversionTables:
    return ConversionTables(
        price_index=read_price_index(_data("price_index_se.csv")),
        sek_per=read_exchange_rates(_data("exchange_rates_sek.csv")),
        source="price_index_se.csv, exchange_rates_sek.csv (shipped defaults)",
    )


def factor_rows(factors: Iterable[EmissionFactor]) -> list[dict[str, object]]:
    """Factors as plain dicts, for export and for showing each value beside its source."""
    return [
        {
            "category": f.category,
            "value": f.value,
            "unit": f"kg CO2e/{f.unit}",
            "year": f.year,
            "currency": f.currency or "",
            "source": f.source,
            "licence": f.licence,
            "quality": f.quality,
        }
        for f in factors
    ]
