"""Readers of the public files behind the national comparison's indicators, one module per
publisher's layout. `recognise` tells which reader a file is for by its content (sheet titles
and column names, not its file name, so that a later edition under a new name is still known).
"""

from __future__ import annotations

from types import ModuleType

from klimatkontrakt.sources.kpis import (
    climate_plans,
    consumption,
    cycle_network,
    ev_share_compiled,
    nue,
    powercircle,
    procurement_survey,
    scb_population,
    trafikanalys,
)
from klimatkontrakt.sources.kpis.common import NameMatcher, Reading, Record
from klimatkontrakt.sources.kpis.workbook import KNOWN_SUFFIXES, Book, open_book

READERS: tuple[ModuleType, ...] = (
    ev_share_compiled,
    trafikanalys,
    powercircle,
    cycle_network,
    scb_population,
    consumption,
    climate_plans,
    procurement_survey,
    nue,
)
BY_KIND = {reader.KIND: reader for reader in READERS}


def recognise(book: Book) -> ModuleType | None:
    """The reader whose layout the file has, or None for a file none of them knows."""
    return next((reader for reader in READERS if reader.matches(book)), None)


def read(content: bytes, filename: str, names: NameMatcher) -> Reading | None:
    """The file read by the reader that knows it; None when no reader does. A known file with
    faults is refused whole (SourceError listing file, row and column of each)."""
    book = open_book(content, filename)
    reader = recognise(book)
    if reader is None:
        return None
    reading: Reading = reader.read(book, names)
    return reading


__all__ = ["BY_KIND", "KNOWN_SUFFIXES", "READERS", "NameMatcher", "Reading", "Record", "read"]
