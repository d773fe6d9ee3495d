"""Errors that name the file, row and column, so a municipality can fix its file."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class SourceError(ValueError):
    """A file that is refused whole. `problems` lists every reason found, not just the first."""

    def __init__(self, problems: list[RowProblem] | RowProblem | str, file: str = "") -> None:
        if isinstance(problems, str):
            problems = [RowProblem(file, None, None, problems)]
        elif isinstance(problems, RowProblem):
            problems = [problems]
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(shown + more)
