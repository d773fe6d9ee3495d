"""SweCRIS exports (Vetenskapsrådet's database of research funding): semicolon CSV, one row per
project, funder and year, the coordinating organisation as recipient.

`InvolvedPeople` (researchers' names and ORCIDs) is never read: a city's portfolio needs the
organisations, not the people. The project id (`2022-00096_Vinnova`) carries the funder's
abbreviation after an underscore; the reference kept is the funder's own diarienummer before it,
so that the same grant read from the agencies' API is the same record.
"""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import CellError, RowProblem, SourceError
from klimatkontrakt.sources.grant_records import (
    COORDINATOR,
    GrantRecord,
    amount_cell,
    date_cell,
    header_index,
    org_number_cell,
    required_cell,
    year_cell,
)
from klimatkontrakt.sources.textfiles import csv_rows, read_text

COLUMNS: dict[str, tuple[str, ...]] = {
    "project": ("ProjectId",),
    "title": ("ProjectTitleSv",),
    "title_en": ("ProjectTitleEn",),
    "start": ("ProjectStartDate",),
    "end": ("ProjectEndDate",),
    "recipient_number": ("CoordinatingOrganisationId",),
    "recipient": ("CoordinatingOrganisationNameSv",),
    "funder": ("FundingOrganisationNameSv",),
    "amount": ("FundingsSek",),
    "year": ("FundingYear",),
    "award": ("TypeOfAwardDescrSv",),
    "scbs": ("Scbs",),
}
REQUIRED = ("project", "title", "recipient", "funder", "amount", "year")
_FUNDER_SUFFIX = re.compile(r"_[A-Za-z]+$")
# "10304: Den kondenserade materiens fysik, Condensed Matter Physics"
_SUBJECT = re.compile(r"(\d{5}): ([^,¤]+),")


def reference_of(project_id: str) -> str:
    """The funder's diarienummer in a SweCRIS project id: `2022-00096_Vinnova` → `2022-00096`."""
    return _FUNDER_SUFFIX.sub("", project_id.strip())


def subjects(scbs: str) -> str:
    """The research subjects (SCB's five-digit codes with their Swedish names), without the
    unclassified 99999."""
    found = [f"{code} {label.strip()}" for code, label in _SUBJECT.findall(scbs)]
    return "; ".join(dict.fromkeys(s for s in found if not s.startswith("99999")))[:500]


def read_swecris(data: bytes, name: str) -> list[GrantRecord]:
    """Every row of a SweCRIS export, all or nothing; each bad cell named by row and column.
    Rows of one project, funder, recipient and year (SweCRIS splits some) are added up."""
    text = read_text(data, name)
    rows = list(csv_rows(io.StringIO(text), name, ";"))
    if not rows:
        raise SourceError(_("the file is empty"), name)
    header = rows[0]
    at = header_index(header, COLUMNS, REQUIRED, name)
    problems: list[RowProblem] = []
    merged: dict[tuple[str, str, str, int], GrantRecord] = {}
    # csv_rows counts lines; a quoted abstract spans several, so rows are numbered as records
    # (the heading is row 1), which is how a spreadsheet shows them.
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(
                RowProblem(
                    name,
                    number,
                    None,
                    _("the row has %(n)s columns, the heading %(m)s")
                    % {"n": len(row), "m": len(header)},
                )
            )
            continue

        def cell(key: str, row: list[str] = row) -> str:
            i = at.get(key)
            return row[i] if i is not None else ""

        try:
            record = GrantRecord(
                funder=required_cell(cell("funder"), "FundingOrganisationNameSv", _("the funder")),
                reference=reference_of(
                    required_cell(cell("project"), "ProjectId", _("the project id"))
                ),
                title=(cell("title").strip() or cell("title_en").strip())[:500],
                recipient_name=required_cell(
                    cell("recipient"), "CoordinatingOrganisationNameSv", _("the recipient")
                )[:200],
                recipient_org_number=org_number_cell(
                    cell("recipient_number"), "CoordinatingOrganisationId"
                ),
                role=COORDINATOR,
                year=year_cell(cell("year"), "FundingYear"),
                amount_sek=amount_cell(cell("amount"), "FundingsSek"),
                start=date_cell(cell("start"), "ProjectStartDate"),
                end=date_cell(cell("end"), "ProjectEndDate"),
                programme=cell("award").strip()[:200],
                categories=subjects(cell("scbs")),
                row=number,
            )
        except CellError as exc:
            problems.append(exc.at(name, number))
            continue
        key = (
            record.funder.casefold(),
            record.reference,
            record.recipient_org_number or record.recipient_name.casefold(),
            record.year,
        )
        earlier = merged.get(key)
        if earlier is not None:
            record = _add(earlier, record)
        merged[key] = record
    if problems:
        raise SourceError(problems)
    return list(merged.values())


def _add(first: GrantRecord, second: GrantRecord) -> GrantRecord:
    from dataclasses import replace

    return replace(first, amount_sek=first.amount_sek + second.amount_sek)


__all__ = ["CellError", "read_swecris", "reference_of", "subjects"]
