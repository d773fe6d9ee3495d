"""Classification rules: a ledger line's account, supplier or text -> purchase category.

Rules CSV columns: ``field,pattern,category`` and optionally ``priority,note``.

* ``account``: a Kommun-Bas account prefix (``54`` matches 5400-5499); the longest prefix wins.
* ``supplier_id``: an organisation number, compared on its digits only.
* ``supplier_name`` / ``text``: a case-insensitive regular expression (``text`` is the
  account text and any free-text column).

The category ``exclude`` drops the line (personnel, transfers, depreciation, internal, VAT).
A higher ``priority`` wins; when unspecified it is 0 for account rules, 10 for text, 20 for
supplier names and 30 for organisation numbers, so a named supplier overrides its account.
Among equal priorities the more specific account prefix, then the earlier row, wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import CellError, RowProblem, SourceError
from klimatkontrakt.sources.factors import _read_rows, check_lengths, missing_columns

EXCLUDE = "exclude"
FIELDS = ("account", "supplier_id", "supplier_name", "text")
DEFAULT_PRIORITY = {"account": 0, "text": 10, "supplier_name": 20, "supplier_id": 30}
RULE_LIMITS = {"pattern": 300, "category": 100}  # the stored rule's max_length (see factors)
INTERNAL_RULE_NOTE = "inbyggd: leverantörens organisationsnummer = köparens (intern faktura)"


@dataclass(frozen=True)
class Rule:
    id: int  # row order in the file, 1-based; 0 is the built-in internal-invoice rule
    field: str
    pattern: str
    category: str
    priority: int
    note: str = ""

    @property
    def specificity(self) -> int:
        return len(self.pattern) if self.field == "account" else 0

    @property
    def rank(self) -> int:
        """One sortable number: priority, then specificity, then earlier rows first."""
        return (self.priority + 1000) * 10**9 + self.specificity * 10**6 + (10**6 - 1 - self.id)

    def describe(self) -> str:
        return f"#{self.id} {self.field} {self.pattern!r} -> {self.category}"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def read_rules(source: Path | str, name: str | None = None) -> list[Rule]:
    name, rows = _read_rows(source, name)
    errors: list[RowProblem] = []
    if rows:
        missing_columns(rows[0], ("field", "pattern", "category"), name)
    rules: list[Rule] = []
    for number, row in enumerate(rows, start=2):

        def problem(column: str | None, message: str, number: int = number) -> None:
            errors.append(RowProblem(name, number, column, message))

        field_name = row["field"].lower()
        pattern = row["pattern"]
        category = row["category"]
        if field_name not in FIELDS:
            problem(
                "field",
                _("%(value)s should be one of %(choices)s")
                % {"value": repr(field_name), "choices": ", ".join(FIELDS)},
            )
            continue
        if not pattern or not category:
            problem(None, _("pattern and category must be filled in"))
            continue
        try:
            check_lengths(row, RULE_LIMITS)
        except CellError as exc:
            errors.append(exc.at(name, number))
            continue
        if field_name == "account":
            pattern = pattern.rstrip("*x").strip()
            if not pattern.isdigit():
                problem(
                    "pattern",
                    _("account prefix %(prefix)s should be digits") % {"prefix": repr(pattern)},
                )
                continue
        elif field_name == "supplier_id":
            pattern = digits(pattern)
            if not pattern:
                problem("pattern", _("the organisation number has no digits"))
                continue
        else:
            try:
                re.compile(pattern)
            except re.error as exc:
                problem(
                    "pattern",
                    _("not a valid regular expression (%(error)s)") % {"error": exc},
                )
                continue
        try:
            priority = int(row.get("priority") or DEFAULT_PRIORITY[field_name])
        except ValueError:
            problem(
                "priority",
                _("%(value)s is not a whole number") % {"value": repr(row.get("priority"))},
            )
            continue
        rules.append(Rule(number - 1, field_name, pattern, category, priority, row.get("note", "")))
    if errors:
        raise SourceError(errors)
    return rules


def default_rules() -> list[Rule]:
    path = Path(str(resources.files("klimatkontrakt.sources") / "data" / "rules_default.csv"))
    return read_rules(path)


def ordered(rules: list[Rule]) -> list[Rule]:
    """The order in which rules win, as shown to the user."""
    return sorted(rules, key=lambda r: r.rank, reverse=True)
