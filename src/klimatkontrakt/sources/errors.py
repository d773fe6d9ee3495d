"""Errors that name the file, row and column, so a municipality can fix its file."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class SourceError(ValueError):
    """A file that is refused whole. `problems` lists every reason found, not just the first.

    A problem given as text is shown as it is (readers that word file, row and column in
    Swedish pass whole sentences); with `file`, a single text is prefixed with the file name.
    """

    def __init__(
        self, problems: Sequence[RowProblem | str] | RowProblem | str, file: str = ""
    ) -> None:
        if isinstance(problems, RowProblem | str):
            problems = [problems]
        self.problems = [
            p if isinstance(p, RowProblem) else RowProblem(file, None, None, p) for p in problems
        ]
        shown = "; ".join(str(p) for p in self.problems[:20])
        more = f" (and {len(self.problems) - 20} more)" if len(self.problems) > 20 else ""
        super().__init__(shown + more)

    @property
    def messages(self) -> list[str]:
        """Every problem as one line of text, for a page or a command's output."""
        return [str(p) for p in self.problems]
