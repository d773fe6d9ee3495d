"""Errors that name the file, row and column, so a municipality can fix its file.

Readers word each message with gettext when they find the fault, so a file uploaded on an
English page is explained in English and the CLI (Swedish by default) in Swedish."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
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
        more = (
            " " + _("(and %(n)s more)") % {"n": len(self.problems) - 20}
            if len(self.problems) > 20
            else ""
        )
        super().__init__(shown + more)

    @property
    def messages(self) -> list[str]:
        """Every problem as one line of text, for a page or a command's output."""
        return [str(p) for p in self.problems]


class CellError(ValueError):
    """One cell's fault, raised while a row is read; the reader adds file and row."""

    def __init__(self, column: str | None, message: str) -> None:
        self.column = column
        self.message = message
        super().__init__(message)

    def at(self, file: str, row: int | None) -> RowProblem:
        return RowProblem(file, row, self.column, self.message)
