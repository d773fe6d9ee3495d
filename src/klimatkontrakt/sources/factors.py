"""Emission factor sets, price-index and exchange-rate tables: all plain CSV data.

Factor CSV columns: ``category,value,unit,year,currency,source,licence`` and optionally
``price_basis,quality,low,high,fossil_share,kwh_per_unit``. The US EPA supply-chain file
(``SupplyChainGHGEmissionFactors_v1.2_NAICS_CO2e_USD2021.csv``) is read as it is published;
its categories become ``naics:<code>``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from klimatkontrakt.sources.errors import SourceError

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
        raise ValueError(f"okänd enhet {unit!r}; skriv t.ex. 'kg CO2e/SEK' eller 'kg CO2e/kWh'")
    scale = _MASS[match.group(1).lower()]
    denominator = match.group(2)
    if denominator.lower() in ACTIVITY_UNITS:
        return scale, ACTIVITY_UNITS[denominator.lower()]
    if re.fullmatch(r"[A-Za-z]{3}", denominator):
        return scale, denominator.upper()
    raise ValueError(f"okänd nämnare {denominator!r} i enheten {unit!r}")


# Longest values a stored row can hold (the footprint models' max_length; a test keeps the two
# equal), so a long value is a row error naming its column rather than a database error.
FACTOR_LIMITS = {"category": 100, "price_basis": 20, "quality": 10}


def check_lengths(row: Mapping[str, str], limits: Mapping[str, int]) -> None:
    """Raise ValueError("kolumn …") for the first value longer than its column allows."""
    for column, limit in limits.items():
        value = row.get(column) or ""
        if len(value) > limit:
            raise ValueError(f"kolumn {column}: längre än {limit} tecken ({len(value)})")


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
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, restkey="\0extra")
    rows = []
    errors = []
    for number, r in enumerate(reader, start=2):
        if "\0extra" in r:
            errors.append(
                f"{name}, rad {number}: fler värden än kolumner (citera fält med {delimiter!r})"
            )
            continue
        rows.append({(k or "").strip().lower(): (v or "").strip() for k, v in r.items()})
    if errors:
        raise SourceError(errors)
    return name, rows


def read_factors(source: Path | str, name: str | None = None) -> FactorSet:
    name, rows = _read_rows(source, name)
    if rows and "2017 naics code" in rows[0]:
        return _epa_factors(name, rows)
    errors: list[str] = []
    if rows:
        missing = [c for c in FACTOR_COLUMNS if c not in rows[0]]
        if missing:
            raise SourceError(f"kolumner saknas: {', '.join(missing)}", name)
    factors: dict[str, EmissionFactor] = {}
    for number, row in enumerate(rows, start=2):
        where = f"{name}, rad {number}"
        try:
            factor = _factor_row(row)
        except (KeyError, ValueError) as exc:
            errors.append(f"{where}: {exc}")
            continue
        if factor.category in factors:
            errors.append(f"{where}, kolumn category: {factor.category!r} finns redan")
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
        raise ValueError("kolumn category: tom")
    check_lengths(row, FACTOR_LIMITS)
    try:
        value = _number(row["value"])
    except ValueError:
        raise ValueError(f"kolumn value: {row['value']!r} är inte ett tal") from None
    try:
        scale, denominator = parse_unit(row["unit"])
    except ValueError as exc:
        raise ValueError(f"kolumn unit: {exc}") from None
    try:
        year = int(row["year"])
    except ValueError:
        raise ValueError(f"kolumn year: {row['year']!r} är inte ett år") from None
    currency = row["currency"].upper() or None
    if currency and denominator not in ACTIVITY_UNITS.values() and currency != denominator:
        raise ValueError(f"kolumn currency: {currency} stämmer inte med enheten {row['unit']!r}")
    if denominator in ACTIVITY_UNITS.values():
        currency = None
    if not row["source"]:
        raise ValueError("kolumn source: varje faktor måste ange sin källa")
    low, high = _optional(row, "low"), _optional(row, "high")
    fossil = _optional(row, "fossil_share")
    if fossil is not None and not 0 <= fossil <= 1:
        raise ValueError("kolumn fossil_share: ska vara mellan 0 och 1")
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
    errors: list[str] = []
    factors: dict[str, EmissionFactor] = {}
    column = "supply chain emission factors with margins"
    for number, row in enumerate(rows, start=2):
        code, title = row.get("2017 naics code", ""), row.get("2017 naics title", "")
        try:
            value = float(row[column])
        except (KeyError, ValueError):
            errors.append(f"{name}, rad {number}, kolumn {column}: inte ett tal")
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
            errors.append(f"{name}, rad {number}: year/index saknas eller är inte tal")
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
            errors.append(f"{name}, rad {number}: currency/year/sek_per_unit saknas eller fel")
    if errors:
        raise SourceError(errors)
    return out


def _data(name: str) -> Path:
    return Path(str(resources.files("klimatkontrakt.sources") / "data" / name))


def default_factors() -> FactorSet:
    return read_factors(_data("factors_default.csv"))


@cache
def category_labels() -> dict[str, tuple[str, str]]:
    """Swedish and English names of the shipped purchase categories (category_labels.csv)."""
    with open(_data("category_labels.csv"), encoding="utf-8", newline="") as f:
        return {r["category"]: (r["label_sv"], r["label_en"]) for r in csv.DictReader(f)}


def category_label(category: str, language: str | None = "sv") -> str:
    """What a person reads for a purchase category: the shipped name in the language, else the
    category as written in the municipality's own factor set or rule list."""
    names = category_labels().get(category)
    if names is None:
        return category
    return names[1] if (language or "sv").startswith("en") else names[0]


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
