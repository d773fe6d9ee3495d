"""What every row of an open dataset must satisfy, checked against the dataset's own fields."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from typing import Any

from klimatkontrakt.opendata.datasets.base import Dataset, Field


def _fits(field: Field, value: Any) -> bool:
    if field.type == "string":
        return isinstance(value, str)
    if field.type in ("integer", "year"):
        return isinstance(value, int) and not isinstance(value, bool)
    if field.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return False
        return math.isfinite(value)
    if field.type == "boolean":
        return isinstance(value, bool)
    if field.type == "date":
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if field.type == "datetime":
        return isinstance(value, datetime.datetime)
    return False


def check_rows(dataset: Dataset, rows: list[dict[str, Any]], forbidden: tuple[str, ...] = ()):
    """Every row has exactly the dataset's fields in order, each value of its field's type and
    within its codes, required fields filled; no value holds an '@' or a forbidden text."""
    names = dataset.field_names()
    by_name = {f.name: f for f in dataset.fields}
    for row in rows:
        assert list(row) == names
        for name, value in row.items():
            field = by_name[name]
            if value is None or value == "":
                assert not field.required, f"{name} is required: {row}"
                continue
            assert _fits(field, value), f"{name}={value!r} is not a {field.type}"
            if field.enum:
                assert value in field.enum, f"{name}={value!r} not in {field.enum}"
            text = str(value)
            assert "@" not in text, f"{name}={value!r}"
            for word in forbidden:
                assert word not in text, f"{name}={value!r} holds {word!r}"
    keys = [tuple(row[k] for k in dataset.primary_key) for row in rows]
    assert len(keys) == len(set(keys)), "primary key values repeat"
