"""Process emissions that budget methods subtract from territorial CO2 (data, not code)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from klimatkontrakt.sources.errors import RowProblem, SourceError

CEMENT_FILE = "cement_process_emissions.csv"


@dataclass(frozen=True, slots=True)
class ProcessEmission:
    municipality_code: str
    municipality: str
    year: int
    tonnes: float


def cement_process_emissions() -> list[ProcessEmission]:
    """The three cement plants' process CO2 per municipality and year, from the bundled CSV."""
    text = resources.files("klimatkontrakt.sources.data").joinpath(CEMENT_FILE).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    out: list[ProcessEmission] = []
    for n, row in enumerate(csv.DictReader(lines), start=2):
        try:
            out.append(
                ProcessEmission(
                    row["municipality_code"],
                    row["municipality"],
                    int(row["year"]),
                    float(row["tonnes"]),
                )
            )
        except (KeyError, ValueError) as exc:
            raise SourceError(
                RowProblem(CEMENT_FILE, n, None, f"bad process-emission row ({exc})")
            ) from exc
    return out


def deduction_matrix(
    records: Sequence[ProcessEmission],
    municipalities: Sequence[str],
    years: Sequence[int],
    *,
    by: str = "code",
) -> np.ndarray:
    """Tonnes to subtract, shaped (municipalities, years); zero where nothing is listed.

    ``municipalities`` holds codes (``by="code"``) or names (``by="name"``).
    """
    index = {m: i for i, m in enumerate(municipalities)}
    year_index = {y: j for j, y in enumerate(years)}
    matrix = np.zeros((len(municipalities), len(years)))
    for r in records:
        key = r.municipality_code if by == "code" else r.municipality
        i, j = index.get(key), year_index.get(r.year)
        if i is not None and j is not None:
            matrix[i, j] += r.tonnes
    return matrix
