"""Checks every open dataset's rows must pass: the keys are the dataset's fields in order, each
value fits its field's Table Schema type, required values are there, codes are in the field's
enum, and nothing looks like an e-mail address or names a person the test made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from klimatkontrakt.opendata.datasets.base import Dataset

TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float, Decimal),
    "boolean": (bool,),
    "date": (dt.date,),
    "datetime": (dt.datetime,),
    "year": (int,),
}


def check_rows(
    dataset: Dataset, rows: Iterable[dict[str, Any]], forbidden: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """The rows as a list, after asserting every rule above; `forbidden` are strings (names,
    phone numbers, texts) no value may contain."""
    out = list(rows)
    names = dataset.field_names()
    banned = [s.casefold() for s in forbidden]
    for row in out:
        assert list(row) == names, (list(row), names)
        for f in dataset.fields:
            value = row[f.name]
            if value is None:
                assert not f.required, f"{dataset.key}.{f.name} is required"
                continue
            assert isinstance(value, TYPES[f.type]), (f.name, value)
            if f.type in ("integer", "year", "number"):
                assert not isinstance(value, bool), (f.name, value)
            if f.type == "date":
                assert not isinstance(value, dt.datetime), (f.name, value)
            if f.enum:
                assert value in f.enum, (f.name, value, f.enum)
            text = str(value).casefold()
            assert "@" not in text, (f.name, value)
            for s in banned:
                assert s not in text, (f.name, value, s)
    return out
