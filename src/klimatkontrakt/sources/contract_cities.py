"""The list of Klimatkontrakt 2030's contract cities: a CSV with the columns `kommun`,
`source_1`, `source_2` (one municipality per line, named as SCB writes it)."""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import RowProblem, SourceError
from klimatkontrakt.sources.textfiles import read_csv_rows

REQUIRED_COLUMNS = ("kommun",)


@dataclass(frozen=True)
class ContractCity:
    name: str
    sources: tuple[str, ...]
    row: int  # line in the file, for messages


def read_contract_cities(path: Path | str) -> list[ContractCity]:
    """Every line's municipality name and sources; a missing column, an empty name or a name
    given twice refuses the whole file with every problem named by row and column."""
    path = Path(path)
    name = path.name
    rows = read_csv_rows(path.read_bytes(), name)
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if "kommun" not in header:
        raise SourceError(RowProblem(name, 1, "kommun", _("the column “kommun” is missing")))
    at = header.index("kommun")
    source_columns = [i for i, h in enumerate(header) if h.startswith("source")]
    cities: list[ContractCity] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        city = row[at].strip() if at < len(row) else ""
        if not city:
            problems.append(RowProblem(name, line, "kommun", _("the municipality is missing")))
            continue
        if city.lower() in seen:
            problems.append(
                RowProblem(
                    name,
                    line,
                    "kommun",
                    _("%(name)s is listed already on row %(row)s")
                    % {"name": city, "row": seen[city.lower()]},
                )
            )
            continue
        seen[city.lower()] = line
        sources = tuple(row[i].strip() for i in source_columns if i < len(row) and row[i].strip())
        cities.append(ContractCity(city, sources, line))
    if problems:
        raise SourceError(problems)
    if not cities:
        raise SourceError(_("the file lists no municipality"), name)
    return cities
