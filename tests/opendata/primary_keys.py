"""A dataset's primary key identifies each row: no two rows share its values."""

from __future__ import annotations

from typing import Any

from klimatkontrakt.opendata.datasets.base import Dataset


def assert_unique_keys(dataset: Dataset, rows: list[dict[str, Any]]) -> None:
    keys = [tuple(row[name] for name in dataset.primary_key) for row in rows]
    assert dataset.primary_key and len(keys) == len(set(keys)), f"{dataset.key}: keys repeat"
