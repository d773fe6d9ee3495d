"""The open files' formats: a dataset's rows as CSV and JSON, and the Frictionless data package
(https://specs.frictionlessdata.io/data-package/) that describes them with a Table Schema.

The files are for programs: CSV as RFC 4180 (comma, point decimals, UTF-8 without a BOM, a
header row of the field names), JSON an array of objects with the same keys. The pages'
downloads stay in the Swedish Excel dialect (documents/tables.py); here the data package says
how to read each file.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from klimatkontrakt.opendata.datasets.base import Dataset, Field, Licence

FORMATS = ("csv", "json")
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def plain(value: Any) -> Any:
    """A row value as JSON has it: dates in ISO 8601, Decimals as numbers (integers stay
    integers), everything else as it is."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _csv_cell(value: Any) -> Any:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_bytes(dataset: Dataset, rows: Sequence[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    names = dataset.field_names()
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(row.get(name)) for name in names])
    return buf.getvalue().encode("utf-8")


def json_bytes(dataset: Dataset, rows: Sequence[dict[str, Any]]) -> bytes:
    names = dataset.field_names()
    data = [{name: plain(row.get(name)) for name in names} for row in rows]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render(dataset: Dataset, rows: Sequence[dict[str, Any]], fmt: str) -> bytes:
    return csv_bytes(dataset, rows) if fmt == "csv" else json_bytes(dataset, rows)


def check_row(dataset: Dataset, row: dict[str, Any]) -> None:
    """A row with other keys than the dataset's fields is a programming error: refuse it before
    a file with a shifted column goes out."""
    names = dataset.field_names()
    if list(row) != names and set(row) != set(names):
        missing = sorted(set(names) - set(row))
        extra = sorted(set(row) - set(names))
        raise ValueError(
            f"dataset {dataset.key}: row keys differ (missing {missing}, extra {extra})"
        )


def licence_descriptor(licence: Licence) -> dict[str, str]:
    return {"name": licence.name, "path": licence.path, "title": licence.title}


def field_descriptor(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": f.name,
        "type": f.type,
        "description": f.description_sv,
        "description_en": f.description_en,
    }
    if f.type == "date":
        out["format"] = "%Y-%m-%d"
    if f.unit:
        out["unit"] = f.unit
    constraints: dict[str, Any] = {}
    if f.required:
        constraints["required"] = True
    if f.enum:
        constraints["enum"] = list(f.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def schema_descriptor(dataset: Dataset) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [field_descriptor(f) for f in dataset.fields]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if any(f.type in ("number", "integer") for f in dataset.fields):
        schema["missingValues"] = [""]
    return schema


def resource_descriptor(
    dataset: Dataset, fmt: str, path: str, *, size: int, sha256: str, rows: int
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": f"{dataset.key}-{fmt}",
        "path": path,
        "profile": "tabular-data-resource",
        "title": dataset.title_sv,
        "title_en": dataset.title_en,
        "description": dataset.description_sv,
        "description_en": dataset.description_en,
        "format": fmt,
        "mediatype": MEDIA_TYPES[fmt],
        "encoding": "utf-8",
        "rows": rows,
        "licenses": [licence_descriptor(dataset.licence)],
        "schema": schema_descriptor(dataset),
    }
    if fmt == "csv":
        resource["dialect"] = {"delimiter": ",", "header": True, "doubleQuote": True}
        # Checked by `frictionless validate` as it streams the file; it cannot count a JSON
        # file's bytes (it parses it whole), so there they would be reported as a mismatch.
        resource["bytes"] = size
        resource["hash"] = f"sha256:{sha256}"
    if dataset.source_sv:
        resource["sources"] = [{"title": dataset.source_sv, "title_en": dataset.source_en}]
    return resource


def package_descriptor(
    *,
    name: str,
    title_sv: str,
    title_en: str,
    description_sv: str,
    description_en: str,
    homepage: str,
    created: datetime.datetime,
    version: str,
    resources: Iterable[dict[str, Any]],
    licences: Iterable[Licence],
) -> dict[str, Any]:
    unique = {lic.name: lic for lic in licences}
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title_sv,
        "title_en": title_en,
        "description": description_sv,
        "description_en": description_en,
        "homepage": homepage,
        "version": version,
        "created": created.isoformat(),
        "licenses": [licence_descriptor(lic) for lic in unique.values()],
        "resources": list(resources),
    }
