"""Default co-benefit valuations shipped with the project (sources/data/cobenefit_valuations.csv).

Semicolon-separated UTF-8, one valuation per row with its source, version and price year.
Only values with a nameable source are shipped; `status` says "sourced" or "indicative".
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from klimatkontrakt.calc.cobenefits import Valuation

COLUMNS = (
    "key",
    "label_sv",
    "label_en",
    "unit",
    "value_sek",
    "price_year",
    "status",
    "source",
    "version",
    "url",
    "note",
)


def parse_valuations(text: str, filename: str = "cobenefit_valuations.csv") -> dict[str, Valuation]:
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{filename}: missing columns {', '.join(missing)}")
    out: dict[str, Valuation] = {}
    for line, row in enumerate(reader, start=2):
        try:
            value = float(row["value_sek"].replace(",", "."))
            price_year = int(row["price_year"])
        except ValueError as exc:
            raise ValueError(f"{filename} row {line}: value_sek/price_year not a number") from exc
        if row["status"] not in ("sourced", "indicative"):
            raise ValueError(f"{filename} row {line}, column status: sourced or indicative")
        out[row["key"]] = Valuation(
            key=row["key"],
            label_sv=row["label_sv"],
            label_en=row["label_en"],
            unit=row["unit"],
            value_sek=value,
            price_year=price_year,
            status=row["status"],
            source=row["source"],
            version=row["version"],
            url=row["url"],
            note=row["note"],
        )
    return out


def default_valuations() -> dict[str, Valuation]:
    text = (
        resources.files("klimatkontrakt.sources")
        .joinpath("data/cobenefit_valuations.csv")
        .read_text(encoding="utf-8")
    )
    return parse_valuations(text)
