"""The registry of open datasets, in the order the page and the catalogue list them. Each
module of this package defines one `DATASET` (datasets/base.py)."""

from __future__ import annotations

from importlib import import_module

from klimatkontrakt.opendata.datasets.base import Dataset

MODULES = (
    "contracts",
    "emissions",
    "indicators",
    "plans",
    "investments",
    "footprint",
    "local_contracts",
    "proposals",
    "grants",
)


def all_datasets() -> list[Dataset]:
    return [import_module(f"{__name__}.{name}").DATASET for name in MODULES]


def dataset(key: str) -> Dataset | None:
    return next((d for d in all_datasets() if d.key == key), None)
