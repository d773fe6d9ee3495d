"""What an open dataset is: its names and descriptions in both languages, its fields (a Table
Schema), its licence, and one function that yields its rows.

A dataset's `rows` reads as the public does (published data only, through the owning app's
selectors) and never yields personal data: no e-mail addresses, no private persons, no pupils;
names of officials only where the public pages show them. Each row carries the municipality's
SCB code and name, so one function serves the installation's file and each municipality's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from klimatkontrakt.organisations.models import Municipality


@dataclass(frozen=True)
class Licence:
    """A licence as the data package (`name`, `path`, `title`) and DCAT (`iri`) state it."""

    name: str
    title: str
    path: str
    iri: str


CC_BY = Licence(
    name="CC-BY-4.0",
    title="Creative Commons Attribution 4.0",
    path="https://creativecommons.org/licenses/by/4.0/",
    iri="http://creativecommons.org/licenses/by/4.0/",
)
CC0 = Licence(
    name="CC0-1.0",
    title="Creative Commons Zero v1.0 Universal",
    path="https://creativecommons.org/publicdomain/zero/1.0/",
    iri="http://creativecommons.org/publicdomain/zero/1.0/",
)

# Table Schema field types used here (https://specs.frictionlessdata.io/table-schema/).
FIELD_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "year"}


@dataclass(frozen=True)
class Field:
    """One column: `name` as in the CSV header and the JSON keys, its Table Schema `type`, what
    it means in Swedish and English, and its unit where it is a quantity ("t CO2e", "SEK")."""

    name: str
    type: str
    description_sv: str
    description_en: str
    unit: str = ""
    required: bool = False
    # The codes a field can take (Table Schema `constraints.enum`), each explained in the
    # descriptions; empty for free values.
    enum: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"unknown Table Schema type {self.type!r} for field {self.name!r}")


# The two fields every dataset starts with.
MUNICIPALITY_FIELDS = (
    Field(
        "municipality_code",
        "string",
        "Kommunens kod enligt SCB (fyra siffror).",
        "The municipality's code as SCB assigns it (four digits).",
        required=True,
    ),
    Field(
        "municipality_name", "string", "Kommunens namn.", "The municipality's name.", required=True
    ),
)

RowsFunction = Callable[[Municipality | None], Iterable[dict[str, Any]]]


@dataclass(frozen=True)
class Dataset:
    """One published dataset. `key` is the file stem (`/data/<key>.csv`) and the name in the
    data package; `rows(None)` yields every municipality's published rows, `rows(m)` one
    municipality's. Themes are the EU data themes (`ENVI`, `GOVE`, `ECON`, ...) and
    `frequency` an EU frequency code (`ANNUAL`, `DAILY`, `IRREG`, ...), as DCAT-AP-SE uses them.
    `year_field` names the field the temporal coverage is read from ("" for none)."""

    key: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    fields: tuple[Field, ...]
    rows: RowsFunction
    primary_key: tuple[str, ...] = ()
    themes: tuple[str, ...] = ("ENVI",)
    frequency: str = "ANNUAL"
    licence: Licence = CC_BY
    source_sv: str = ""
    source_en: str = ""
    year_field: str = "year"
    # Whether rows of this dataset make a municipality a publisher (one package and catalogue
    # of its own): its own published work does; national statistics about it (SMHI) do not.
    defines_publisher: bool = True
    keywords_sv: tuple[str, ...] = field(default_factory=tuple)
    keywords_en: tuple[str, ...] = field(default_factory=tuple)

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_sv

    def description(self, language: str) -> str:
        return self.description_en if language == "en" else self.description_sv
